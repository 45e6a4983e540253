// Harness self-check entry: runs deliberate.test.js through the project's own in-host runner
// (test/vscode/index.ts). `npm test` requires this run to be reported as FAILED with exactly
// 1 passed / 1 failed: proof that a failing in-host test cannot come out green.
const { runMochaFilesIn } = require('../../dist/test/vscode/index.js');

exports.run = () => runMochaFilesIn(__dirname);
