/**
 * Specs for the NER stage with the committed model (models/ner): mentions with character
 * offsets on a small report, the stage contract, errors, and the seed article's named people,
 * organisations and places.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Doc, type Mention } from './doc.ts';
import { loadRecognizer, ner, recognize, withNames } from './ner.ts';
import { tokenize, tokenizer } from './tokenizer.ts';
import { isDossierError } from '../errors.ts';
import { loadKb } from '../kb/index.ts';
import { kbGazetteerNames } from '../pipeline/kb-names.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function analyse(text: string): { doc: Doc; found: string[] } {
  const doc = new Doc(text, { id: 'd1', language: 'en' });
  tokenizer().run(doc, { warn: () => {} });
  ner().run(doc, { warn: () => {} });
  return { doc, found: doc.mentions.map((m) => `${m.label}:${doc.slice(m)}`) };
}

test('finds a person, an organisation and a place with character offsets', () => {
  const text = 'Prime Minister Boris Johnson met officials of the World Health Organization in London on Tuesday.';
  const { doc, found } = analyse(text);
  assert.deepEqual(found, ['PER:Boris Johnson', 'ORG:World Health Organization', 'LOC:London']);
  const london = doc.mentions.find((m) => m.label === 'LOC')!;
  assert.equal(london.start, text.indexOf('London'));
  assert.equal(london.end, text.indexOf('London') + 'London'.length);
  for (const m of doc.mentions) {
    assert.equal(m.origin, 'ner');
    assert.ok(m.score !== undefined && m.score >= 0 && m.score <= 1, `score in [0,1] for ${doc.slice(m)}`);
  }
});

test('appends to mentions already on the document', () => {
  const doc = new Doc('Hamas fired rockets at Israel.', { id: 'd2', language: 'en' });
  const kb: Mention = { start: 0, end: 5, label: 'ORG', origin: 'kb' };
  doc.mentions.push(kb);
  tokenizer().run(doc, { warn: () => {} });
  ner().run(doc, { warn: () => {} });
  assert.equal(doc.mentions[0], kb);
  assert.ok(doc.mentions.some((m) => m.origin === 'ner' && doc.slice(m) === 'Israel' && m.label === 'LOC'));
});

test('declares what it needs and what it adds', () => {
  const stage = ner();
  assert.equal(stage.name, 'ner');
  assert.deepEqual([...stage.requires], ['sentences', 'tokens']);
  assert.deepEqual([...stage.assigns], ['mentions']);
});

test('a missing model folder fails with MODEL_MISSING naming the file, when first used', () => {
  const stage = ner({ modelDir: '/nonexistent/ner-model' });
  const doc = new Doc('Paris.', { id: 'd3', language: 'en' });
  tokenizer().run(doc, { warn: () => {} });
  assert.throws(
    () => stage.run(doc, { warn: () => {} }),
    (e: unknown) => isDossierError(e) && e.code === 'MODEL_MISSING' && e.message.includes('/nonexistent/ner-model/ner.bin'),
  );
});

test('recognize() works on bare tokens and returns token indices', () => {
  const spans = recognize(['Nouri', 'al', '-', 'Maliki', 'visited', 'Damascus', 'on', 'Monday', '.']);
  assert.deepEqual(spans, [
    { start: 0, end: 4, label: 'PER' },
    { start: 5, end: 6, label: 'LOC' },
  ]);
  assert.deepEqual(recognize([]), []);
});

test('seed article: named people, Hamas and the seven places', (t) => {
  const text = readFileSync(join(ROOT, 'examples', 'seed.txt'), 'utf8');
  const { found } = analyse(text);
  const has = new Set(found);
  for (const want of ['PER:Mohammad Reza Fallahzadeh', 'PER:Nouri al-Maliki', 'ORG:Hamas']) {
    assert.ok(has.has(want), `expected ${want}; found ${[...has].join(', ')}`);
  }
  for (const place of ['Syria', 'Lebanon', 'Damascus', 'Beirut', 'Baghdad', 'Iraq', 'Gaza']) {
    assert.ok(has.has(`LOC:${place}`) || has.has(`LOC:${place} Strip`), `expected LOC ${place}`);
  }
  // The model alone (no knowledge base): report what it finds of the other organisations.
  const goals = ['ORG:al-Quds Force', 'ORG:Quds Force', 'ORG:Hezbollah Brigades', 'ORG:Coordinating Framework'];
  t.diagnostic(`ORG found by the model alone: ${goals.filter((g) => has.has(g)).join(', ') || 'none'}`);
});

test('seed article, as the pipeline runs the NER (knowledge-base names as gazetteer features): the four organisations', () => {
  const text = readFileSync(join(ROOT, 'examples', 'seed.txt'), 'utf8');
  const doc = new Doc(text, { id: 'seed', language: 'en' });
  tokenizer().run(doc, { warn: () => {} });
  ner({ names: kbGazetteerNames(loadKb()) }).run(doc, { warn: () => {} });
  const has = new Set(doc.mentions.map((m) => `${m.label}:${doc.slice(m)}`));
  for (const want of ['ORG:Hamas', 'ORG:Hezbollah Brigades', 'ORG:Coordinating Framework', 'PER:Mohammad Reza Fallahzadeh', 'PER:Nouri al-Maliki']) {
    assert.ok(has.has(want), `expected ${want}; found ${[...has].join(', ')}`);
  }
  assert.ok(has.has('ORG:al-Quds Force') || has.has('ORG:Quds Force'), 'the Quds Force as an organisation');
});

test('names from the knowledge base feed the gazetteer features: unseen organisations look like organisations', () => {
  const base = loadRecognizer();
  const kb = withNames(base, [['Saraya Awliya al-Dam', 'ORG'], ['Coordinating Framework', 'ORG']]);
  const spans = (r: typeof base, text: string) => {
    const toks = tokenize(text).tokens.map((t) => t.text);
    return r.recognize(toks).map((s) => `${s.label}:${toks.slice(s.start, s.end).join(' ')}`);
  };
  const a = 'A statement by Saraya Awliya al-Dam claimed the attack on the base near Erbil.';
  const b = 'Leaders of the Coordinating Framework met in Baghdad on Sunday.';
  assert.ok(!spans(base, a).includes('ORG:Saraya Awliya al - Dam'), 'the trained model alone does not know it');
  assert.ok(spans(kb, a).includes('ORG:Saraya Awliya al - Dam'));
  assert.ok(spans(kb, b).includes('ORG:Coordinating Framework'));
  assert.ok(spans(kb, b).includes('LOC:Baghdad'), 'other names unchanged');
});
