// JSX typings for the web components the adapter renders.
import type { JSX } from 'preact';

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'vscode-button': JSX.HTMLAttributes<HTMLElement> & { secondary?: boolean; disabled?: boolean };
      'vscode-badge': JSX.HTMLAttributes<HTMLElement> & { variant?: 'default' | 'counter' };
    }
  }
}
