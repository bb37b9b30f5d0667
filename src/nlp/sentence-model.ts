/**
 * @module nlp/sentence-model
 * A small trained classifier that finds sentence boundaries the punctuation rules cannot see:
 * between two tokens of one paragraph with no sentence-final punctuation ("… 08/16/2000 03:14 PM
 * I spoke to …", headings run into text, lists), and the punctuation breaks the rules are unsure
 * of (ellipses, a "[1]" citation after the period). A logistic regression over the words, shapes
 * and token kinds around the gap (mean of three runs in different random orders); trained on UD
 * English EWT + GUM train (scripts/train-sentences.ts), threshold chosen on EWT dev. Read from
 * models/sentences.bin.gz on first use.
 */
import type { Token } from './doc.ts';
import { SparseModel } from './perceptron.ts';
import { hashString, mix1, mix2, mix3 } from './hash.ts';
import { normWord, wordShape } from './tagger-features.ts';
import { readModelFile, sparseArrays, sparseFrom, writeModelFile } from './model-file.ts';
import { modelPath } from './models.ts';
import { mulberry32, shuffleInPlace } from './random.ts';

export interface SentenceModelMeta {
  kind: 'sentences';
  /** Score margin (class 1 minus class 0) above which a gap is a boundary. */
  threshold: number;
  info: Record<string, unknown>;
}

const MAX_FEATURES = 40;
const NONE = 0x2468ace;

/** A capitalised word with lower-case letters ("Party", "Workers", "McCain"): part of a name, not an acronym or "PM". */
const NAME_WORD_RE = /^\p{Lu}\p{Ll}[\p{L}'’.-]*$/u;
/** Closed-class words that often start a sentence when capitalised: these may follow a name across a boundary. */
const SENTENCE_STARTERS = new Set(
  ('the a an this that these those there here i we he she it they you my our your his her its their what when where why how who which whose ' +
    'if as in on at for from to by with but and so or then now please thanks thank hi hello dear also after before while since because although ' +
    'however yes no not all some any each every many most just do does did is are was were will would can could should may might have has had let').split(' '),
);

/**
 * True when token `i` is the apostrophe of a plural possessive ("Workers' Party", "the soldiers'
 * families"): attached to a word ending in s, followed by a word, with no opening single quote
 * earlier in the sentence (which would make it a closing quote).
 */
export function isPossessiveApostrophe(text: string, tokens: readonly Token[], i: number, sentStart = 0): boolean {
  const t = tokens[i];
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  if (!t || !prev || !next || (t.text !== "'" && t.text !== '’')) return false;
  if (prev.end !== t.start || !/\p{L}*[sS]$/u.test(prev.text) || !/^\p{L}/u.test(next.text) || next.start === t.end) return false;
  for (let k = i - 1; k >= Math.max(0, sentStart); k--) {
    const q = tokens[k]!;
    if (q.text !== "'" && q.text !== '‘') continue;
    const after = tokens[k + 1];
    const before = tokens[k - 1];
    // an opening quote: attached to the word after it, not to the word before it
    if (after && after.start === q.end && (!before || before.end < q.start || /^[(\["“]$/.test(before.text))) return false;
  }
  return /\s/.test(text.slice(t.end, next.start));
}

/**
 * Whether the gap after token `i` is a candidate for a learned boundary. Never: before
 * punctuation, after an opening bracket or quote, after a possessive apostrophe, or between two
 * name words on one line ("Kurdistan Workers' Party") — the classifier may only split such runs
 * at a line break.
 */
export function isCandidate(text: string, tokens: readonly Token[], i: number, sentStart = 0): boolean {
  const next = tokens[i + 1];
  const t = tokens[i]!;
  if (!next) return false;
  // a dash after a file name, URL or rule starts a list item ("- a.pdf - b.pdf"); not after ")" (datelines: "BAGHDAD (Reuters) - ")
  const listDash = next.text === '-' && /^(?:file|url|email|sym|>>)$/.test(tokenKind(t.text));
  const prev = tokens[i - 1];
  const after = tokens[i + 2];
  // an opening quote glued to the next word may start a sentence ("(Jerusalem Post) ‖ "We're …")
  const openingQuote = /^["“‘']$/.test(next.text) && after !== undefined && after.start === next.end && /^[\p{L}\d]/u.test(after.text);
  // a closing quote glued to the word before it ends a phrase like a word does ("the big "G" ‖ Following …")
  const closingQuote = /^["”]$/.test(t.text) && prev !== undefined && prev.end === t.start && /[\p{L}\d.!?]$/u.test(prev.text);
  // a spaced dash after a greeting's name ("Good Morning Debra - ‖ I have …"); not after ")" or
  // an all-capitals word, so news datelines ("BAGHDAD (Reuters) - …", "WASHINGTON - …") stay whole
  const greetingDash = /^(?:-|--|—|–)$/.test(t.text) && prev !== undefined && prev.end < t.start && NAME_WORD_RE.test(prev.text) && /^\p{Lu}/u.test(next.text);
  if ((/^[,.;:!?%)\]}'’”"-]/.test(next.text) && !listDash && !openingQuote) || (/^[(\[{"“‘-]$/.test(t.text) && !closingQuote && !greetingDash) || next.start <= t.end) return false;
  const possessive = isPossessiveApostrophe(text, tokens, i, sentStart);
  if (possessive) return false;
  if (NAME_WORD_RE.test(t.text) && NAME_WORD_RE.test(next.text) && !SENTENCE_STARTERS.has(next.text.toLowerCase()) && !text.slice(t.end, next.start).includes('\n')) return false;
  return true;
}

/** Words that close a letter or message ("Regards, ‖ Debra", "Thanks ‖ Sean"). */
const CLOSING_WORDS = new Set(['regards', 'sincerely', 'thanks', 'thank', 'thx', 'cheers', 'best', 'love', 'care', 'yours', 'rgds', 'later']);

/** A coarse class of a token for the gap features: URL, e-mail, number, time, date, file name, starter word… */
export function tokenKind(w: string): string {
  if (/^(?:(?:https?|ftp):\/\/|www\.)/i.test(w)) return 'url';
  if (/^[^@\s]+@[\w-]+(?:\.[\w-]+)+$/.test(w)) return 'email';
  if (/^\d{1,2}:\d\d(?::\d\d)?$/.test(w)) return 'time';
  if (/^(?:[ap]\.?m\.?)$/i.test(w)) return 'ampm';
  if (/^\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(w)) return 'date';
  if (/^[+-]?[\d.,]*\d[\d.,]*$/.test(w)) return 'num';
  if (/\d/.test(w)) return 'alnum';
  if (/^[\w-]+\.(?:pdf|docx?|xlsx?|pptx?|jpe?g|png|gif|txt|zip|html?)$/i.test(w)) return 'file';
  const l = w.toLowerCase();
  if (CLOSING_WORDS.has(l)) return /^\p{Lu}/u.test(w) ? 'Close' : 'close';
  if (/^\p{Lu}/u.test(w)) {
    if (SENTENCE_STARTERS.has(l)) return 'Starter';
    if (/^\p{Lu}+$/u.test(w)) return w.length === 1 ? 'X' : 'CAPS';
    return 'Cap';
  }
  if (/^\p{Ll}/u.test(w)) return SENTENCE_STARTERS.has(l) ? 'starter' : 'low';
  return w.length <= 3 ? w : 'sym';
}

const kindCache = new WeakMap<readonly Token[], Uint32Array>();

/** Features of the gap between tokens i and i+1; `sinceStart` = tokens since the sentence began. */
export function gapFeatures(text: string, tokens: readonly Token[], i: number, sinceStart: number, out: Uint32Array): number {
  const w = (j: number) => (j >= 0 && j < tokens.length ? hashString(normWord(tokens[j]!.text)) : NONE);
  const sh = (j: number) => (j >= 0 && j < tokens.length ? hashString(wordShape(tokens[j]!.text)) : NONE);
  const p0 = w(i);
  const n0 = w(i + 1);
  const ps = sh(i);
  const ns = sh(i + 1);
  const gap = text.slice(tokens[i]!.end, tokens[i + 1]!.start);
  const nl = gap.includes('\n') ? 1 : 0;
  const len = sinceStart < 3 ? sinceStart : sinceStart < 6 ? 3 : sinceStart < 12 ? 4 : sinceStart < 25 ? 5 : 6;
  let k = 0;
  out[k++] = mix1(1, 0);
  out[k++] = mix1(2, p0);
  out[k++] = mix1(3, n0);
  out[k++] = mix1(4, ps);
  out[k++] = mix1(5, ns);
  out[k++] = mix2(6, ps, ns);
  out[k++] = mix2(7, p0, ns);
  out[k++] = mix2(8, ps, n0);
  out[k++] = mix2(9, p0, n0);
  out[k++] = mix1(10, nl);
  out[k++] = mix2(11, nl, ns);
  out[k++] = mix2(12, len, ns);
  out[k++] = mix3(13, sh(i - 1), ps, ns);
  out[k++] = mix3(14, ps, ns, sh(i + 2));
  out[k++] = mix2(15, w(i - 1), p0);
  out[k++] = mix2(16, n0, w(i + 2));
  out[k++] = mix3(17, nl, ps, ns);
  out[k++] = mix2(18, len, ps);
  let kinds = kindCache.get(tokens);
  if (!kinds || kinds.length !== tokens.length) {
    kinds = new Uint32Array(tokens.length);
    kindCache.set(tokens, kinds);
  }
  const kc = kinds;
  const kd = (j: number) => {
    if (j < 0 || j >= tokens.length) return NONE;
    // hashed kinds are cached per token array (each gap looks at four tokens; kinds cost a few regexes)
    if (kc[j] === 0) kc[j] = hashString(tokenKind(tokens[j]!.text)) || 1;
    return kc[j]!;
  };
  const kp = kd(i);
  const kn = kd(i + 1);
  out[k++] = mix2(19, kp, kn);
  out[k++] = mix3(20, kd(i - 1), kp, kn);
  out[k++] = mix3(21, kp, kn, kd(i + 2));
  out[k++] = mix2(22, len, kn);
  out[k++] = mix3(23, w(i - 1), p0, kn);
  out[k++] = mix2(24, p0, kn);
  out[k++] = mix2(25, kp, n0);
  out[k++] = mix3(26, len, kp, kn);
  return k;
}

export class SentenceModel {
  readonly meta: SentenceModelMeta;
  readonly model: SparseModel;
  #feats = new Uint32Array(MAX_FEATURES);
  #scores = new Float32Array(2);

  constructor(meta: SentenceModelMeta, model: SparseModel) {
    this.meta = meta;
    this.model = model;
  }

  margin(text: string, tokens: readonly Token[], i: number, sinceStart: number): number {
    const k = gapFeatures(text, tokens, i, sinceStart, this.#feats);
    this.model.score(this.#feats, k, this.#scores);
    return this.#scores[1]! - this.#scores[0]!;
  }

  isBoundary(text: string, tokens: readonly Token[], i: number, sinceStart: number): boolean {
    return this.margin(text, tokens, i, sinceStart) > this.meta.threshold;
  }
}

/** One training document: its text, tokens (from the rule tokenizer) and gold sentence ends. */
export interface GapExample {
  text: string;
  tokens: Token[];
  /** Per candidate gap i: tokens since the rule-based sentence start. */
  sinceStart: Int32Array;
  /** Gap indices i to learn from, with gold labels. */
  gaps: Int32Array;
  gold: Uint8Array;
}

/**
 * Training settings chosen on EWT dev (sentence F1 moved by less than ±0.2 between 2, 3 and 5
 * epochs; features seen fewer than 3 times are dropped: 5 MB → 0.9 MB, same dev F1).
 */
const SEEDS = [7, 8, 9];
const L2 = 1e-4;
const RATE = 0.1;
const PRUNE = 0.05;
const MIN_COUNT = 3;

/**
 * L2-regularised logistic regression trained with AdaGrad over the hashed gap features, in a
 * seeded random order. Its score is a log-odds, so the decision threshold is stable from one
 * retraining to the next (the perceptron's margins move with every feature change).
 */
function trainLogistic(train: GapExample[], epochs: number, seed: number, l2: number, rate: number): Map<number, number> {
  const rows = new Map<number, number>();
  let w = new Float64Array(1 << 16);
  let g2 = new Float64Array(1 << 16);
  const feats = new Uint32Array(MAX_FEATURES);
  const order: Array<[number, number]> = [];
  train.forEach((d, di) => {
    for (let g = 0; g < d.gaps.length; g++) order.push([di, g]);
  });
  const rand = mulberry32(seed);
  const idx = new Int32Array(MAX_FEATURES);
  const allowed = frequentFeatures(train, MIN_COUNT);
  for (let ep = 0; ep < epochs; ep++) {
    shuffleInPlace(order, rand);
    for (const [di, g] of order) {
      const d = train[di]!;
      const k = gapFeatures(d.text, d.tokens, d.gaps[g]!, d.sinceStart[g]!, feats);
      let z = 0;
      let n = 0;
      for (let j = 0; j < k; j++) {
        if (!allowed.has(feats[j]!)) continue;
        let r = rows.get(feats[j]!);
        if (r === undefined) {
          r = rows.size;
          rows.set(feats[j]!, r);
          if (r >= w.length) {
            const w2 = new Float64Array(w.length * 2);
            w2.set(w);
            w = w2;
            const q2 = new Float64Array(g2.length * 2);
            q2.set(g2);
            g2 = q2;
          }
        }
        idx[n++] = r;
        z += w[r]!;
      }
      const p = 1 / (1 + Math.exp(-z));
      const err = p - d.gold[g]!;
      for (let j = 0; j < n; j++) {
        const r = idx[j]!;
        // lazy L2: applied only to the features of this example
        const grad = err + l2 * w[r]!;
        g2[r]! += grad * grad;
        w[r]! -= (rate * grad) / Math.sqrt(g2[r]! + 1e-8);
      }
    }
  }
  const out = new Map<number, number>();
  for (const [f, r] of rows) out.set(f, w[r]!);
  return out;
}

/** Feature hashes seen in at least `minCount` training gaps (rarer ones only add size and noise). */
function frequentFeatures(train: GapExample[], minCount: number): Set<number> {
  const cached = frequentCache.get(train);
  if (cached && cached.minCount === minCount) return cached.set;
  const counts = new Map<number, number>();
  const feats = new Uint32Array(MAX_FEATURES);
  for (const d of train) {
    for (let g = 0; g < d.gaps.length; g++) {
      const k = gapFeatures(d.text, d.tokens, d.gaps[g]!, d.sinceStart[g]!, feats);
      for (let j = 0; j < k; j++) counts.set(feats[j]!, (counts.get(feats[j]!) ?? 0) + 1);
    }
  }
  const set = new Set<number>();
  for (const [f, c] of counts) if (c >= minCount) set.add(f);
  frequentCache.set(train, { minCount, set });
  return set;
}
const frequentCache = new WeakMap<GapExample[], { minCount: number; set: Set<number> }>();

/**
 * The mean of logistic models trained in different random orders (less variance from the order
 * than any single run), as a runtime model: class 1 carries the log-odds, class 0 nothing, so
 * margin = score(1) - score(0) = log-odds.
 */
function averageModels(runs: Array<Map<number, number>>): SparseModel {
  const sum = new Map<number, number>();
  for (const run of runs) for (const [f, v] of run) sum.set(f, (sum.get(f) ?? 0) + v / runs.length);
  const keys: number[] = [];
  const ws: number[] = [];
  for (const [f, v] of sum) {
    // weights this small barely move a log-odds
    if (Math.abs(v) < PRUNE) continue;
    keys.push(f);
    ws.push(v);
  }
  const offs = Uint32Array.from({ length: keys.length + 1 }, (_, i) => i);
  return new SparseModel(2, Uint32Array.from(keys), offs, new Uint8Array(keys.length).fill(1), Float32Array.from(ws));
}

export function trainSentenceModel(train: GapExample[], dev: GapExample[], epochs = 3, log: (s: string) => void = () => {}): { model: SentenceModel; devF1: number } {
  const sparse = averageModels(SEEDS.map((seed) => trainLogistic(train, epochs, seed, L2, RATE)));
  // Threshold: best F1 over the candidate gaps of dev.
  const margins: Array<[number, number]> = [];
  const probe = new SentenceModel({ kind: 'sentences', threshold: 0, info: {} }, sparse);
  let positives = 0;
  for (const d of dev) {
    for (let g = 0; g < d.gaps.length; g++) {
      margins.push([probe.margin(d.text, d.tokens, d.gaps[g]!, d.sinceStart[g]!), d.gold[g]!]);
      positives += d.gold[g]!;
    }
  }
  margins.sort((a, b) => b[0] - a[0]);
  let tp = 0;
  let best = { f: 0, t: Infinity };
  margins.forEach(([m, y], idx) => {
    tp += y;
    const p = tp / (idx + 1);
    const r = positives ? tp / positives : 0;
    // F1 over candidate gaps
    const f = p + r ? (2 * p * r) / (p + r) : 0;
    if (f > best.f && m > 0) best = { f, t: m - 1e-6 };
  });
  const threshold = Number.isFinite(best.t) ? best.t : 1e9;
  log(`sentences: ${margins.length} dev candidate gaps, ${positives} gold breaks; threshold ${threshold.toFixed(3)} (gap F1 ${best.f.toFixed(3)})`);
  return { model: new SentenceModel({ kind: 'sentences', threshold, info: { learner: 'logistic regression (AdaGrad, L2), mean of seeds', seeds: SEEDS, epochs, l2: L2, devGapF1: best.f } }, sparse), devF1: best.f };
}

export function saveSentenceModel(path: string, m: SentenceModel): number {
  return writeModelFile(path, m.meta, sparseArrays('gaps', m.model));
}

let cached: SentenceModel | null = null;

/** Load models/sentences.bin.gz (cached). @throws DossierError MODEL_MISSING naming the file. */
export function loadSentenceModel(path = modelPath('sentences.bin.gz')): SentenceModel {
  const isDefault = path === modelPath('sentences.bin.gz');
  if (cached && isDefault) return cached;
  const c = readModelFile<SentenceModelMeta>(path, 'sentence splitter');
  const m = new SentenceModel(c.meta, sparseFrom(c, 'gaps', 2, path));
  if (isDefault) cached = m;
  return m;
}
