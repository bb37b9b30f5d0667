import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc } from './doc.ts';
import { buildPipeline } from '../pipeline/stage.ts';
import { tokenizer } from './tokenizer.ts';
import { tagger, loadTagger } from './tagger.ts';
import { parser } from './parser.ts';
import { isDossierError } from '../errors.ts';

function analyse(text: string): Doc {
  const doc = new Doc(text, { id: 't', language: 'en' });
  buildPipeline([tokenizer(), tagger(), parser()]).run(doc);
  return doc;
}

const find = (doc: Doc, w: string) => doc.tokens.findIndex((t) => t.text === w);

test('the tagger gives UPOS, PTB tags and lemmas', () => {
  const doc = analyse('Several leaders of armed Iraqi factions have moved to Syria.');
  const byWord = Object.fromEntries(doc.tokens.map((t) => [t.text, t]));
  assert.equal(byWord['leaders']!.pos, 'NOUN');
  assert.equal(byWord['leaders']!.xpos, 'NNS');
  assert.equal(byWord['leaders']!.lemma, 'leader');
  assert.equal(byWord['Syria']!.pos, 'PROPN');
  assert.equal(byWord['have']!.pos, 'AUX');
  assert.equal(byWord['moved']!.lemma, 'move');
  assert.equal(byWord['.']!.pos, 'PUNCT');
});

test('the parser builds one rooted tree per sentence with UD relations', () => {
  const doc = analyse('Iraqi factions moved to Syria. The sources said the decision remains in effect.');
  for (const s of doc.sentences) {
    const toks = doc.tokens.slice(s.firstToken, s.endToken);
    assert.equal(toks.filter((t) => t.head === -1).length, 1, 'one root per sentence');
    for (const t of toks) if (t.head >= 0) assert.ok(t.head >= s.firstToken && t.head < s.endToken, 'heads stay inside the sentence');
  }
  const moved = find(doc, 'moved');
  assert.equal(doc.tokens[moved]!.dep, 'root');
  assert.equal(doc.tokens[find(doc, 'factions')]!.head, moved);
  assert.equal(doc.tokens[find(doc, 'factions')]!.dep, 'nsubj');
  assert.equal(doc.tokens[find(doc, 'Syria')]!.head, moved);
  assert.equal(doc.tokens[find(doc, 'to')]!.dep, 'case');
  const said = find(doc, 'said');
  assert.equal(doc.tokens[find(doc, 'sources')]!.head, said);
  assert.equal(doc.tokens[find(doc, 'remains')]!.head, said);
});

test('a missing model file fails with MODEL_MISSING naming the file', () => {
  assert.throws(() => loadTagger('/nonexistent/tagger.bin'), (e: unknown) => isDossierError(e) && e.code === 'MODEL_MISSING' && e.message.includes('/nonexistent/tagger.bin'));
});

test('the stages declare their place in the pipeline', () => {
  assert.deepEqual(tagger().requires, ['sentences', 'tokens']);
  assert.deepEqual(tagger().assigns, ['pos', 'lemma']);
  assert.deepEqual(parser().requires, ['pos']);
  assert.deepEqual(parser().assigns, ['deps']);
  assert.throws(() => buildPipeline([tokenizer(), parser()]), /parser/);
});
