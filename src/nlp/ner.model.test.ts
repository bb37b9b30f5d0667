/**
 * Specs for the NER building blocks: BILOU conversion, constrained decoding, model file
 * round trip, gazetteer matching, and the corpus readers' span conventions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { LABELS, N_LABELS, NerModel, labelsToSpans, spansToLabels, viterbi, allowed, marginals } from './ner/model.ts';
import { Gazetteer, GAZ_B, GAZ_L, GAZ_U, GAZ_CATEGORIES, N_GAZ } from './ner/gazetteer.ts';
import { iobToSpans, readGum, pickNonOverlapping } from './ner/corpora.ts';
import { pretokenize } from './ner/pretok.ts';
import { shapeOf } from './ner/features.ts';
import { scoreSpans } from './ner/score.ts';
import { isDossierError } from '../errors.ts';
import { mulberry32 } from './random.ts';

const label = (name: string): number => LABELS.indexOf(name);

test('spans become BILOU labels and back unchanged', () => {
  const spans = [
    { start: 0, end: 3, label: 'PER' as const },
    { start: 4, end: 5, label: 'LOC' as const },
  ];
  const labels = spansToLabels(6, spans);
  assert.deepEqual([...labels].map((l) => LABELS[l]), ['B-PER', 'I-PER', 'L-PER', 'O', 'U-LOC', 'O']);
  assert.deepEqual(labelsToSpans(labels), spans);
});

test('B-X may only be followed by I-X or L-X', () => {
  assert.equal(allowed(label('B-PER'), label('L-PER')), true);
  assert.equal(allowed(label('B-PER'), label('L-ORG')), false);
  assert.equal(allowed(label('B-PER'), label('O')), false);
  assert.equal(allowed(-1, label('I-LOC')), false);
});

test('Viterbi returns a valid sequence even when emissions favour an invalid one', () => {
  // Token 0 prefers I-ORG (not allowed at the start), token 1 prefers L-ORG.
  const em = new Float32Array(2 * N_LABELS);
  em[label('I-ORG')] = 5;
  em[label('B-ORG')] = 4;
  em[N_LABELS + label('L-ORG')] = 5;
  const trans = new Float32Array((N_LABELS + 1) * N_LABELS);
  const out = viterbi(em, 2, trans);
  assert.deepEqual([...out].map((l) => LABELS[l]), ['B-ORG', 'L-ORG']);
});

test('a serialized model parses back to the same scores', () => {
  const keys = Uint32Array.from([11, 22, 33]);
  const weights = new Float32Array(3 * N_LABELS);
  weights[0 * N_LABELS + label('U-PER')] = 2.5;
  weights[1 * N_LABELS + label('U-LOC')] = -1.25;
  weights[2 * N_LABELS + 0] = 0.5;
  const trans = new Float32Array((N_LABELS + 1) * N_LABELS).fill(0.1);
  const bytes = NerModel.serialize({ labels: LABELS, featuresVersion: 1 }, keys, weights, trans);
  const model = NerModel.parse(bytes, 'mem');
  const feats = new Uint32Array(64);
  feats[0] = 11;
  feats[1] = 22;
  feats[2] = 99; // unknown key: ignored
  const em = model.emissions(feats, 1);
  assert.ok(Math.abs(em[label('U-PER')]! - 2.5) < 1e-3);
  assert.ok(Math.abs(em[label('U-LOC')]! + 1.25) < 1e-3);
  assert.equal(model.header.features, 3);
});

test('a model read from unaligned bytes (inside a bigger buffer) parses to the same scores', () => {
  const keys = Uint32Array.from([11, 22]);
  const weights = new Float32Array(2 * N_LABELS);
  weights[label('U-ORG')] = 1.5;
  weights[N_LABELS + label('B-PER')] = -0.75;
  const trans = new Float32Array((N_LABELS + 1) * N_LABELS).fill(0.2);
  const bytes = NerModel.serialize({ labels: LABELS, featuresVersion: 1 }, keys, weights, trans);
  const shifted = new Uint8Array(bytes.length + 3);
  shifted.set(bytes, 3);
  const feats = new Uint32Array(64);
  feats[0] = 11;
  feats[1] = 22;
  const a = NerModel.parse(bytes, 'mem').emissions(feats, 1);
  const b = NerModel.parse(shifted.subarray(3), 'mem').emissions(feats, 1);
  assert.deepEqual([...b], [...a]);
  assert.ok(Math.abs(a[label('U-ORG')]! - 1.5) < 1e-3 && Math.abs(a[label('B-PER')]! + 0.75) < 1e-3);
});

test('a model file with a label index out of range fails with MODEL_MISSING naming the file', () => {
  const keys = Uint32Array.from([11]);
  const weights = new Float32Array(N_LABELS);
  weights[label('U-LOC')] = 1;
  const bytes = NerModel.serialize({ labels: LABELS, featuresVersion: 1 }, keys, weights, new Float32Array((N_LABELS + 1) * N_LABELS));
  // the one stored weight's label byte sits right after the per-feature counts
  const headLen = new DataView(bytes.buffer).getUint32(8, true);
  const labelAt = ((12 + headLen + 3) & ~3) + (N_LABELS + 1) * N_LABELS * 4 + 4 + 1;
  assert.equal(bytes[labelAt], label('U-LOC'));
  bytes[labelAt] = 200;
  assert.throws(
    () => NerModel.parse(bytes, 'models/ner/ner.bin'),
    (e: unknown) => isDossierError(e) && e.code === 'MODEL_MISSING' && e.message.includes('models/ner/ner.bin') && e.message.includes('label index 200'),
  );
});

test('a corrupt model file fails with MODEL_MISSING naming the file', () => {
  assert.throws(
    () => NerModel.parse(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 'models/ner/ner.bin'),
    (e: unknown) => isDossierError(e) && e.code === 'MODEL_MISSING' && e.message.includes('models/ner/ner.bin'),
  );
});

test('gazetteer matches multi-token entries case-insensitively, hyphens glued', () => {
  const per = 1 << GAZ_CATEGORIES.indexOf('PER');
  const place = 1 << GAZ_CATEGORIES.indexOf('PLACE');
  const gaz = new Gazetteer(new Map([['nouri al-maliki', per], ['baghdad', place]]));
  const toks = ['nouri', 'al', '-', 'maliki', 'left', 'baghdad'];
  const m = gaz.match(toks);
  const c = GAZ_CATEGORIES.indexOf('PER');
  assert.equal(m[0 * N_GAZ + c], GAZ_B);
  assert.equal(m[3 * N_GAZ + c], GAZ_L);
  assert.equal(m[4 * N_GAZ + c], 0);
  assert.equal(m[5 * N_GAZ + GAZ_CATEGORIES.indexOf('PLACE')], GAZ_U);
});

test('IOB2 tags become spans; a stray I- opens a new span', () => {
  assert.deepEqual(iobToSpans(['B-PER', 'I-PER', 'O', 'I-LOC', 'B-ORG']), [
    { start: 0, end: 2, label: 'PER' },
    { start: 3, end: 4, label: 'LOC' },
    { start: 4, end: 5, label: 'ORG' },
  ]);
});

test('GUM named mentions are cut to UNER conventions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ner-gum-'));
  const row = (id: number, form: string, upos: string, xpos: string, misc: string): string =>
    [id, form, form, upos, xpos, '_', 0, 'dep', '_', misc].join('\t');
  const conllu = [
    '# text = co-star Jensen Ackles of the University of Portsmouth, United Kingdom',
    row(1, 'co-star', 'NOUN', 'NN', 'Entity=(1-person-new-nnnnn-cf1-1,3-coref-Jensen_Ackles'),
    row(2, 'Jensen', 'PROPN', 'NNP', '_'),
    row(3, 'Ackles', 'PROPN', 'NNP', 'Entity=1)'),
    row(4, 'of', 'ADP', 'IN', '_'),
    row(5, 'the', 'DET', 'DT', 'Entity=(2-organization-new-nnnnn-cf2-2,4-sgl'),
    row(6, 'University', 'PROPN', 'NNP', '_'),
    row(7, 'of', 'ADP', 'IN', '_'),
    row(8, 'Portsmouth', 'PROPN', 'NNP', 'Entity=(3-place-new-nnnnn-cf3-1-sgl|SpaceAfter=No'),
    row(9, ',', 'PUNCT', ',', '_'),
    row(10, 'United', 'PROPN', 'NNP', 'Entity=(4-place-new-nnnnn-cf4-1,2-sgl'),
    row(11, 'Kingdom', 'PROPN', 'NNP', 'Entity=4)3)2)'),
    '',
  ].join('\n');
  writeFileSync(join(dir, 'g.conllu'), conllu);
  const [s] = readGum(join(dir, 'g.conllu'));
  const named = s!.spans.map((x) => `${x.label}:${s!.tokens.slice(x.start, x.end).join(' ')}`);
  assert.deepEqual(named, ['PER:Jensen Ackles', 'ORG:University of Portsmouth', 'LOC:United Kingdom']);
});

test('overlapping candidates: the longest wins', () => {
  const kept = pickNonOverlapping([
    { start: 2, end: 3, label: 'LOC' },
    { start: 0, end: 4, label: 'ORG' },
    { start: 5, end: 6, label: 'PER' },
  ]);
  assert.deepEqual(kept, [
    { start: 0, end: 4, label: 'ORG' },
    { start: 5, end: 6, label: 'PER' },
  ]);
});

test('the rule pretokenizer splits clitics and hyphens but keeps abbreviations and inner apostrophes', () => {
  const toks = pretokenize("U.S. officials didn't meet Kata'ib Hezbollah's al-Maliki.").map((t) => t.text);
  assert.deepEqual(toks, ['U.S.', 'officials', 'did', "n't", 'meet', "Kata'ib", 'Hezbollah', "'s", 'al', '-', 'Maliki', '.']);
});

test('word shapes collapse runs', () => {
  assert.equal(shapeOf('Al-Zaman'), 'Xx-Xx');
  assert.equal(shapeOf('IRGC-QF'), 'X-X');
  assert.equal(shapeOf('2023'), 'd');
});

test('exact-span scoring counts a boundary error as one false positive and one miss', () => {
  const s = scoreSpans([[{ start: 0, end: 2, label: 'PER' }]], [[{ start: 0, end: 1, label: 'PER' }]]);
  assert.equal(s.micro.tp, 0);
  assert.equal(s.micro.fp, 1);
  assert.equal(s.micro.fn, 1);
});

test('marginals equal brute-force posteriors over every valid label sequence', () => {
  const L = N_LABELS;
  const n = 3;
  const next = mulberry32(7);
  const rnd = () => next() * 40 - 20;
  const em = Float32Array.from({ length: n * L }, rnd);
  const trans = Float32Array.from({ length: (L + 1) * L }, rnd);
  const T = 1 / 4;
  const post = new Float64Array(n * L);
  let z = 0;
  const ends = (a: number) => /^(O|L-|U-)/.test(LABELS[a]!); // the labels that may end a sentence
  for (let x = 0; x < L; x++) for (let y = 0; y < L; y++) for (let w = 0; w < L; w++) {
    if (!allowed(-1, x) || !allowed(x, y) || !allowed(y, w) || !ends(w)) continue;
    const s = (em[x]! + trans[L * L + x]! + em[L + y]! + trans[x * L + y]! + em[2 * L + w]! + trans[y * L + w]!) * T;
    const p = Math.exp(s);
    z += p;
    post[x]! += p;
    post[L + y]! += p;
    post[2 * L + w]! += p;
  }
  const got = marginals(em, n, trans, 4);
  for (let i = 0; i < n * L; i++) assert.ok(Math.abs(got[i]! - post[i]! / z) < 1e-9, `position ${Math.floor(i / L)} label ${LABELS[i % L]}: ${got[i]} vs ${post[i]! / z}`);
});
