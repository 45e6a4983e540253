// One passing and one deliberately failing test (TDD ui, inside the real extension host).
const assert = require('node:assert/strict');
const vscode = require('vscode');

suite('Harness self-check (must be reported as FAILED)', () => {
  test('a passing test', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
  });
  test('a deliberately failing test', () => {
    assert.equal(1 + 1, 3, 'deliberate failure');
  });
});
