#!/usr/bin/env node
// `npx ops-sim` entry: the CLI itself is bundled into dist/cli.js by `npm run build`.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('ops-sim: not built yet; run `npm run build` first\n');
  process.exit(2);
}
require(cli);
