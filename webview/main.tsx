// Entry of the webview bundle. The CSS imports become dist/webview.css (and the codicon font a
// file next to it), loaded by the host's <link> under the panel's CSP.
import 'uplot/dist/uPlot.min.css';
import './ui/codicons.css';
import './console.css';
import { render } from 'preact';
import { App } from './App';

const root = document.getElementById('app');
if (root) render(<App />, root);
