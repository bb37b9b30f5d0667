/**
 * @module nlp/sentence-model
 * A small trained classifier that finds sentence boundaries the punctuation rules cannot see:
 * between two tokens of one paragraph with no sentence-final punctuation ("… 08/16/2000 03:14 PM
 * I spoke to …", headings run into text, lists), and the punctuation breaks the rules are unsure
 * of (ellipses, a "[1]" citation after the period); it may also overrule a sure punctuation break
 * when confident ("the U.S. ‖ Department", "a big "Welcome!" ‖ to"). A logistic regression over
 * the words, shapes and token kinds around the gap, the next word with its capitalisation, and
 * whether the tokens after the gap open a paragraph elsewhere in the document, whether the next
 * word follows a split-off . ! ? elsewhere in the document, and the sentence's first word with its
 * length so far (mean of five runs in different random orders; training in sentence-train.ts);
 * trained on UD English EWT + GUM train and dev (scripts/train-sentences.ts) with fixed
 * thresholds.
 * Read from models/sentences.bin on first use.
 */
import type { Token } from './doc.ts';
import { SparseModel } from './perceptron.ts';
import { hashString, mix1, mix2, mix3 } from './hash.ts';
import { letterCase, normWord, wordShape } from './tagger-features.ts';
import { readModelFile, sparseArrays, sparseFrom, writeModelFile, type ModelContents } from './model-file.ts';
import { DossierError } from '../errors.ts';
import { modelPath } from './models.ts';
import { BoundedCache } from './bounded-cache.ts';

export interface SentenceModelMeta {
  kind: 'sentences';
  /** Score margin (class 1 minus class 0) above which an ordinary candidate gap is a boundary. */
  threshold: number;
  /** A rule's punctuation break is dropped when its margin is below this (absent: never). */
  vetoThreshold?: number;
  info: Record<string, unknown>;
}

/** Upper bound on the number of features of one gap. */
export const MAX_FEATURES = 40;
const NONE = 0x2468ace;
/** Word feature of an "AM"/"PM" that follows no time (see isBareAmPm). */
const BARE_AMPM = 0x3579bdf;

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

/** Gap classes: not a candidate, an ordinary candidate, a rule's punctuation break. */
export const NO_GAP = 0;
export const PLAIN_GAP = 1;
export const PUNCT_GAP = 3;

/**
 * The class of the gap after token `i` for the learned model. Not a candidate: before
 * punctuation, after an opening bracket or quote, after a possessive apostrophe, or between two
 * name words on one line ("Kurdistan Workers' Party") — the classifier may only split such runs
 * at a line break (letting it decide them, with features of the run of capitalised words and a
 * threshold of their own, gained nothing on dev and cost speed).
 */
export function gapClass(text: string, tokens: readonly Token[], i: number, sentStart = 0): number {
  const next = tokens[i + 1];
  const t = tokens[i]!;
  if (!next) return NO_GAP;
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
  if ((/^[,.;:!?%)\]}'’”"-]/.test(next.text) && !listDash && !openingQuote) || (/^[(\[{"“‘-]$/.test(t.text) && !closingQuote && !greetingDash) || next.start <= t.end) return NO_GAP;
  if (isPossessiveApostrophe(text, tokens, i, sentStart)) return NO_GAP;
  if (NAME_WORD_RE.test(t.text) && NAME_WORD_RE.test(next.text) && !SENTENCE_STARTERS.has(next.text.toLowerCase()) && !text.slice(t.end, next.start).includes('\n')) return NO_GAP;
  return PLAIN_GAP;
}

/** Whether the gap after token `i` is an ordinary candidate for a learned boundary (see gapClass). */
export function isCandidate(text: string, tokens: readonly Token[], i: number, sentStart = 0): boolean {
  return gapClass(text, tokens, i, sentStart) === PLAIN_GAP;
}

/**
 * Whether the model may overrule the rules' punctuation break after token `i`: not before a
 * capitalised sentence starter ("the U.S. ‖ The …"; the few such breaks in training are too few to
 * learn them from, and "U.S. Department" would otherwise teach the model to join them).
 */
export function mayVeto(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1];
  return next !== undefined && !(/^\p{Lu}/u.test(next.text) && SENTENCE_STARTERS.has(next.text.toLowerCase()));
}

/** Words that close a letter or message ("Regards, ‖ Debra", "Thanks ‖ Sean"). */
const CLOSING_WORDS = new Set(['regards', 'sincerely', 'thanks', 'thank', 'thx', 'cheers', 'best', 'love', 'care', 'yours', 'rgds', 'later']);

/** A coarse class of a token for the gap features: URL, e-mail, number, time, date, file name, starter word… */
export function tokenKind(w: string): string {
  if (/^(?:(?:https?|ftp):\/\/|www\.)/i.test(w)) return 'url';
  if (/^[^@\s]+@[\w-]+(?:\.[\w-]+)+$/.test(w)) return 'email';
  if (/^\d{1,2}:\d\d(?::\d\d)?$/.test(w)) return 'time';
  if (CLOCK_WORD_RE.test(w)) return 'ampm';
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

/**
 * Per-token hashes of a token array for the gap features (word, shape, kind), made once per
 * document: nearly every gap is a candidate and each looks at four tokens. Signed, like the
 * mixers' inputs (nlp/hash.ts).
 */
interface TokenHashes {
  word: Int32Array;
  shape: Int32Array;
  kind: Int32Array;
  /** Keys (`openingKey`) of the first two tokens of every paragraph of the document. */
  opens: Set<number>;
  /** Word hash → how often that word follows a split-off `.`, `!` or `?` token in the document. */
  starts: Map<number, number>;
}

/** A split-off sentence-final punctuation token (".", "!", "?!", "..."; not "…", which the tokenizer's TERMINAL_RE also counts). */
const TERMINAL_TOKEN_RE = /^[.!?]+$/;

/** True when the whitespace between offsets a and b holds a paragraph break (blank line). */
export function blankLineBetween(text: string, a: number, b: number): boolean {
  // the gap is usually one space: look for its first newline by hand (no substring, and no
  // search running past the gap to the paragraph's end)
  for (let i = a; i < b; i++) if (text.charCodeAt(i) === 10) return /\n[ \t\r\f\v]*\n/.test(text.slice(i, b));
  return false;
}

/** Key of two tokens as a paragraph opening: the first one's word, the second one's shape. */
function openingKey(word: number, nextShape: number): number {
  return mix2(50, word, nextShape);
}

const tokenHashes = new WeakMap<readonly Token[], TokenHashes>();

/** Kind of an "AM"/"PM" that follows no time (see isBareAmPm). */
const BARE_KIND = hashString('bare-ampm') || 1;

/**
 * [word, shape, kind] hashes of a token text, memoised across documents (news repeats its words;
 * a shape is a pass over the characters, a kind a few regular expressions).
 */
const formHashes = new BoundedCache(50_000, (t: string): readonly [number, number, number] => [hashString(normWord(t)) | 0, hashString(wordShape(t)) | 0, (hashString(tokenKind(t)) || 1) | 0]);

function hashesOf(text: string, tokens: readonly Token[]): TokenHashes {
  let h = tokenHashes.get(tokens);
  if (!h || h.word.length !== tokens.length) {
    const n = tokens.length;
    h = { word: new Int32Array(n), shape: new Int32Array(n), kind: new Int32Array(n), opens: new Set(), starts: new Map() };
    for (let j = 0; j < n; j++) {
      const f = formHashes.get(tokens[j]!.text);
      const bare = isBareAmPm(tokens, j);
      h.word[j] = bare ? BARE_AMPM : f[0];
      h.shape[j] = f[1];
      h.kind[j] = bare ? BARE_KIND : f[2];
    }
    for (let j = 0; j < n; j++) {
      if (j === 0 || blankLineBetween(text, tokens[j - 1]!.end, tokens[j]!.start)) h.opens.add(openingKey(h.word[j]!, at(h.shape, j + 1)));
    }
    for (let j = 1; j < n; j++) {
      if (TERMINAL_TOKEN_RE.test(tokens[j - 1]!.text)) h.starts.set(h.word[j]!, (h.starts.get(h.word[j]!) ?? 0) + 1);
    }
    tokenHashes.set(tokens, h);
  }
  return h;
}

/** Entry j of a per-token array, NONE outside the document. */
function at(a: Int32Array, j: number): number {
  return j >= 0 && j < a.length ? a[j]! : NONE;
}

/** "AM", "pm", "a.m.", "P.M.": a clock word when a time or number comes before it. */
const CLOCK_WORD_RE = /^[ap]\.?m\.?$/i;

/**
 * Whether token j reads "AM"/"PM" without a clock time or number before it ("Iraqi PM Nouri
 * al-Maliki", "I AM"): not a time. Such tokens get a kind and a word feature of their own, so what
 * the model learnt from e-mail headers ("03:14 PM ‖ I spoke") does not split a title from its name.
 */
export function isBareAmPm(tokens: readonly Token[], j: number): boolean {
  const t = tokens[j];
  // the length test first: this runs for every word feature of every gap
  if (!t || t.text.length > 4 || !CLOCK_WORD_RE.test(t.text)) return false;
  const prev = tokens[j - 1];
  return !prev || !/^(?:time|num)$/.test(tokenKind(prev.text));
}

/**
 * Features of the gap between tokens i and i+1 of class `cls`; `sinceStart` = tokens since the
 * sentence began. A PUNCT_GAP (may the model overrule the rule's break?) has the same templates
 * in a namespace of its own.
 */
export function gapFeatures(text: string, tokens: readonly Token[], i: number, sinceStart: number, out: Uint32Array, cls = PLAIN_GAP): number {
  const th = hashesOf(text, tokens);
  const W = th.word;
  const S = th.shape;
  const K = th.kind;
  const p0 = at(W, i);
  const n0 = at(W, i + 1);
  const ps = at(S, i);
  const ns = at(S, i + 1);
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
  out[k++] = mix3(13, at(S, i - 1), ps, ns);
  out[k++] = mix3(14, ps, ns, at(S, i + 2));
  out[k++] = mix2(15, at(W, i - 1), p0);
  out[k++] = mix2(16, n0, at(W, i + 2));
  out[k++] = mix3(17, nl, ps, ns);
  out[k++] = mix2(18, len, ps);
  const kp = at(K, i);
  const kn = at(K, i + 1);
  out[k++] = mix2(19, kp, kn);
  out[k++] = mix3(20, at(K, i - 1), kp, kn);
  out[k++] = mix3(21, kp, kn, at(K, i + 2));
  out[k++] = mix2(22, len, kn);
  out[k++] = mix3(23, at(W, i - 1), p0, kn);
  out[k++] = mix2(24, p0, kn);
  out[k++] = mix2(25, kp, n0);
  out[k++] = mix3(26, len, kp, kn);
  // the next word with its capitalisation: "Therefore"/"Following" start sentences, "therefore" does
  // not (normWord lower-cases; the shape alone does not say which words change meaning with case)
  out[k++] = mix2(27, n0, letterCase(tokens[i + 1]!.text));
  // the two tokens after the gap open a paragraph elsewhere in the document: list items and
  // header lines whose line breaks the text lost ("… vs. Seattle STORM ‖ Game 14: …" where a
  // paragraph starts "Game 1: …"; cross-validated over EWT train: +0.06 to +0.26 with four seed sets)
  const opens = th.opens.has(openingKey(n0, at(S, i + 2))) ? 1 : 0;
  out[k++] = mix2(40, opens, kn);
  out[k++] = mix3(41, opens, kp, nl);
  // the next word follows a . ! ? elsewhere in the document: how this writer starts sentences
  // ("thanks", "ok", a name) when this one has lost its punctuation; its own . ! ? does not count
  const starts = (th.starts.get(n0) ?? 0) - (TERMINAL_TOKEN_RE.test(tokens[i]!.text) ? 1 : 0);
  out[k++] = mix2(42, starts > 0 ? 1 : 0, kn);
  // the sentence's first word × its length so far × the next kind: sentences that open with
  // "Thanks", "Hi" or "Regards" are short, "I" or "The" ones long (cross-validated, twelfth session)
  out[k++] = mix3(43, at(W, i + 1 - sinceStart), len, kn);
  if (cls === PUNCT_GAP) {
    for (let j = 0; j < k; j++) out[j] = mix1(0x70c7, out[j]!);
  }
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

  margin(text: string, tokens: readonly Token[], i: number, sinceStart: number, cls = PLAIN_GAP): number {
    const k = gapFeatures(text, tokens, i, sinceStart, this.#feats, cls);
    this.model.score(this.#feats, k, this.#scores);
    return this.#scores[1]! - this.#scores[0]!;
  }

  /** Whether an ordinary candidate gap is a sentence boundary. */
  isBoundary(text: string, tokens: readonly Token[], i: number, sinceStart: number): boolean {
    return this.margin(text, tokens, i, sinceStart) > this.meta.threshold;
  }

  /** Whether the rule's punctuation break after token `i` should be dropped (see mayVeto). */
  vetoes(text: string, tokens: readonly Token[], i: number, sinceStart: number): boolean {
    const t = this.meta.vetoThreshold;
    return t !== undefined && mayVeto(tokens, i) && this.margin(text, tokens, i, sinceStart, PUNCT_GAP) < t;
  }
}

/**
 * Write the model. Every feature carries one weight, for class 1 (the log-odds; see
 * sentence-train.ts), so the file keeps only the keys and the weights: no per-feature offsets or
 * classes (6 bytes a feature instead of 11).
 */
export function saveSentenceModel(path: string, m: SentenceModel): number {
  const a = sparseArrays('gaps', m.model);
  const { 'gaps.offs': offs, 'gaps.cls': cls } = a;
  const oneEach = offs !== undefined && cls !== undefined && offs.every((o, i) => o === i) && cls.every((c) => c === 1);
  if (!oneEach) throw new DossierError('USAGE', `saveSentenceModel: ${path}: expected one class-1 weight per feature (a model from trainSentenceModel)`);
  return writeModelFile(path, m.meta, { 'gaps.keys': a['gaps.keys']!, 'gaps.w': a['gaps.w']! });
}

/** The runtime model of a file written by saveSentenceModel (or of an older file with offsets and classes). */
function gapWeights(c: ModelContents<SentenceModelMeta>, path: string): SparseModel {
  if (c.arrays.has('gaps.offs')) return sparseFrom(c, 'gaps', 2, path);
  const keys = c.arrays.get('gaps.keys');
  const quant = c.quantized.get('gaps.w');
  if (!(keys instanceof Uint32Array) || !quant || quant.q.length !== keys.length) {
    throw new DossierError('MODEL_MISSING', `model file ${path} is corrupt (expected the arrays "gaps.keys" and "gaps.w" of equal length); run \`npm run train\` to rebuild it`, { input: path });
  }
  const offs = Uint32Array.from({ length: keys.length + 1 }, (_, i) => i);
  return new SparseModel(2, keys, offs, new Uint8Array(keys.length).fill(1), null, false, quant);
}

let cached: SentenceModel | null = null;

/** Load models/sentences.bin (cached). @throws DossierError MODEL_MISSING naming the file. */
export function loadSentenceModel(path = modelPath('sentences.bin')): SentenceModel {
  const isDefault = path === modelPath('sentences.bin');
  if (cached && isDefault) return cached;
  const c = readModelFile<SentenceModelMeta>(path, 'sentence splitter');
  const m = new SentenceModel(c.meta, gapWeights(c, path));
  if (isDefault) cached = m;
  return m;
}
