/**
 * @module bench/memory
 * Resident memory of the NLP layer as `dossier` uses it: a fresh process (started through tsx,
 * as bin/dossier.js runs) loads every NLP model (sentence classifier, tagger, parser with its word
 * clusters, NER) and analyses the seed report, then runs the full pipeline on it. Prints the RSS
 * before loading, after the NLP models, and after the full pipeline. Called by
 * bench/run.ts; runnable alone: node --import tsx bench/memory.ts
 */
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Doc } from '../src/nlp/doc.ts';
import { tokenize } from '../src/nlp/tokenizer.ts';
import { loadTagger } from '../src/nlp/tagger.ts';
import { loadParser } from '../src/nlp/parser.ts';
import { ner } from '../src/nlp/ner.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;

const before = process.memoryUsage().rss;
const t0 = process.hrtime.bigint();
const text = readFileSync(join(root, 'examples', 'seed.txt'), 'utf8');
const doc = new Doc(text, { id: 'seed', language: 'en' });
const r = tokenize(text);
doc.sentences = r.sentences;
doc.tokens = r.tokens;
loadTagger().tagDoc(doc);
loadParser().parseDoc(doc);
ner().run(doc, { warn: () => {} });
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
const after = process.memoryUsage().rss;
console.log(`NLP memory: ${mb(after)} resident with every NLP model loaded after analysing the seed (${mb(before)} before loading); first document incl. loading ${ms.toFixed(0)} ms`);

// The whole pipeline on top (knowledge base, gazetteer, its names as NER gazetteer features).
const { analyze } = await import('../src/analyze.ts');
const t1 = process.hrtime.bigint();
analyze(text, { publishedAt: '2023-10-29' });
const ms1 = Number(process.hrtime.bigint() - t1) / 1e6;
console.log(`full pipeline: ${mb(process.memoryUsage().rss)} resident after \`analyze\` of the seed (knowledge base and gazetteer loaded too; ${ms1.toFixed(0)} ms)`);
