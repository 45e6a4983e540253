// One build for everything: the extension host bundle, the webview bundle, the ops-sim CLI and the
// in-VS-Code test suite. `--dev` keeps sourcemaps and skips minification.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dev = process.argv.includes('--dev');
const common = { bundle: true, minify: !dev, sourcemap: dev ? 'linked' : false, logLevel: 'warning', legalComments: 'none' };
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };

const builds = [
  esbuild.build({ ...node, entryPoints: ['src/host/extension.ts'], external: ['vscode'], outfile: 'dist/extension.js', metafile: true }),
  esbuild.build({ ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' }),
  esbuild.build({
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: { webview: 'webview/main.tsx' },
    outdir: 'dist',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    loader: { '.ttf': 'file' },
    metafile: true,
  }),
];

// In-host tests are transpiled, not bundled: mocha is required from node_modules at run time.
const hostTests = existsSync('test/vscode') ? readdirSync('test/vscode').filter((f) => f.endsWith('.ts')).map((f) => join('test/vscode', f)) : [];
if (hostTests.length) {
  builds.push(esbuild.build({ platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', logLevel: 'warning', entryPoints: hostTests, outbase: 'test', outdir: 'dist/test' }));
}

await Promise.all(builds);
