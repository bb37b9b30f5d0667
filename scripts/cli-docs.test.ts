import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderCliDocs } from './cli-docs.ts';

test('docs/cli.md is the CLI\'s current --help text (regenerate with scripts/cli-docs.ts)', () => {
  const current = readFileSync(new URL('../docs/cli.md', import.meta.url), 'utf8');
  assert.equal(current, renderCliDocs());
});
