// Lets mocha run the TypeScript unit and conformance tests directly: each .ts file is
// transpiled on load with esbuild (type checking is `npm run typecheck`'s job).
const { transformSync } = require('esbuild');
const fs = require('node:fs');
require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { loader: 'ts', format: 'cjs', target: 'node20', sourcemap: 'inline', sourcefile: filename });
  module._compile(code, filename);
};
