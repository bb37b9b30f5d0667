import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPipeline, type Stage } from './stage.ts';
import { Doc } from '../nlp/doc.ts';
import { DossierError } from '../errors.ts';

const stage = (name: string, requires: Stage['requires'], assigns: Stage['assigns'], log: string[] = []): Stage => ({
  name,
  requires,
  assigns,
  run: () => void log.push(name),
});

test('buildPipeline runs stages in the given order', () => {
  const log: string[] = [];
  const p = buildPipeline([stage('tok', [], ['tokens', 'sentences'], log), stage('tag', ['tokens'], ['pos'], log)]);
  p.run(new Doc('x', { id: 'd', language: 'en' }));
  assert.deepEqual(log, ['tok', 'tag']);
});

test('buildPipeline names the stage whose requirement no earlier stage assigns', () => {
  assert.throws(
    () => buildPipeline([stage('tag', ['tokens'], ['pos']), stage('tok', [], ['tokens'])]),
    (e: unknown) => e instanceof DossierError && e.code === 'PIPELINE_ORDER' && /"tag" requires "tokens"/.test(e.message),
  );
});

test('buildPipeline accepts layers provided by the input', () => {
  assert.doesNotThrow(() => buildPipeline([stage('tag', ['tokens'], ['pos'])], { provided: ['tokens'] }));
});

test('buildPipeline refuses the same stage twice', () => {
  assert.throws(() => buildPipeline([stage('a', [], []), stage('a', [], [])]), /appears twice/);
});
