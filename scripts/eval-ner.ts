/**
 * Evaluate the NER model: exact-span P/R/F1 per type (PER/ORG/LOC) and micro F1 on UNER EWT
 * test, F1 on the held-out re3d documents, the npm peer compromise on the same data (aligned by
 * character offsets), and tagging speed on one core.
 *
 *   node --import tsx scripts/eval-ner.ts [--data <dir>] [--model <dir>] [--dev]
 *
 * `--dev` evaluates on UNER dev instead of test (for tuning; test is for final figures only).
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nlp from 'compromise';
import { readUner, readRe3d, type NerSentence } from '../src/nlp/ner/corpora.ts';
import { Recognizer, DEFAULT_NER_DIR } from '../src/nlp/ner.ts';
import { scoreSpans, formatScores, type SpanScores } from '../src/nlp/ner/score.ts';
import type { EntityLabel, TokenSpan } from '../src/nlp/ner/model.ts';
import { sharedDataDir } from './lib/shared-data.ts';

export interface EvalNerOptions {
  dataDir: string;
  log: (s: string) => void;
  /** Model folder (default models/ner). */
  modelDir?: string;
  /** Use UNER dev instead of test. */
  dev?: boolean;
  /** Skip the compromise comparison (it is slow). */
  skipPeer?: boolean;
}

export interface EvalNerResult {
  uner: SpanScores;
  re3d: SpanScores;
  peer?: SpanScores;
  tokensPerSecond: number;
}

/** compromise on one sentence: tokens joined by spaces, its people/organizations/places mapped back to tokens. */
export function compromiseSpans(tokens: readonly string[]): TokenSpan[] {
  const starts: number[] = [];
  let text = '';
  for (const t of tokens) {
    if (text) text += ' ';
    starts.push(text.length);
    text += t;
  }
  const doc = nlp(text);
  const out: TokenSpan[] = [];
  const take = (label: EntityLabel, found: Array<{ offset?: { start: number; length: number } }>): void => {
    for (const m of found) {
      if (!m.offset) continue;
      const a = m.offset.start;
      const b = a + m.offset.length;
      let s = starts.findIndex((x) => x >= a);
      let e = s;
      while (e < tokens.length && starts[e]! + tokens[e]!.length <= b) e++;
      // Trim punctuation compromise may keep at the edges.
      while (s < e && /^\p{P}+$/u.test(tokens[s]!)) s++;
      while (e > s && /^\p{P}+$/u.test(tokens[e - 1]!)) e--;
      if (s >= 0 && e > s) out.push({ start: s, end: e, label });
    }
  };
  take('PER', doc.people().json({ offset: true }) as Array<{ offset?: { start: number; length: number } }>);
  take('ORG', doc.organizations().json({ offset: true }) as Array<{ offset?: { start: number; length: number } }>);
  take('LOC', doc.places().json({ offset: true }) as Array<{ offset?: { start: number; length: number } }>);
  return out;
}

function run(rec: Recognizer, sents: readonly NerSentence[]): TokenSpan[][] {
  return sents.map((s) => rec.recognize(s.tokens));
}

export async function evalNer(opts: EvalNerOptions): Promise<EvalNerResult> {
  const { dataDir, log } = opts;
  const rec = Recognizer.load(opts.modelDir ?? DEFAULT_NER_DIR);
  const split = opts.dev ? 'dev' : 'test';
  const uner = readUner(join(dataDir, `uner/en_ewt/${split}.iob2`));
  const nTok = uner.reduce((a, s) => a + s.tokens.length, 0);
  const gold = uner.map((s) => s.spans);

  // Speed: one warm-up pass, then the timed pass (single thread).
  // CPU time, not wall time: the machine may be shared.
  run(rec, uner);
  const t0 = process.cpuUsage();
  const pred = run(rec, uner);
  const used = process.cpuUsage(t0);
  const secs = (used.user + used.system) / 1e6;
  const tokensPerSecond = Math.round(nTok / secs);

  const ours = scoreSpans(gold, pred);
  log(formatScores(`Dossier NER on UNER EWT ${split} (${uner.length} sentences, ${nTok} tokens)`, ours));
  log(`  speed: ${tokensPerSecond.toLocaleString('en-US')} tokens/s (features + Viterbi, CPU time of one thread)`);

  const held = readRe3d(join(dataDir, 're3d'), 'heldout');
  const re3d = scoreSpans(held.map((s) => s.spans), run(rec, held));
  log(formatScores(`Dossier NER on held-out re3d (${new Set(held.map((s) => s.doc)).size} documents, ${held.length} sentences)`, re3d));

  let peer: SpanScores | undefined;
  if (!opts.skipPeer) {
    peer = scoreSpans(gold, uner.map((s) => compromiseSpans(s.tokens)));
    log(formatScores(`compromise (npm) on UNER EWT ${split}`, peer));
    const peerRe3d = scoreSpans(held.map((s) => s.spans), held.map((s) => compromiseSpans(s.tokens)));
    log(`compromise on held-out re3d: micro F1 ${(peerRe3d.micro.f1 * 100).toFixed(1)}`);
  }
  return { uner: ours, re3d, ...(peer ? { peer } : {}), tokensPerSecond };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const modelDir = arg('--model');
  await evalNer({
    dataDir: sharedDataDir(arg('--data')),
    log: (s) => console.log(s),
    dev: process.argv.includes('--dev'),
    skipPeer: process.argv.includes('--no-peer'),
    ...(modelDir ? { modelDir: resolve(modelDir) } : {}),
  });
}
