/**
 * @module nlp/tagger-train
 * Training of the POS tagger and lemmatizer from UD sentences (used by scripts/train-tagger.ts).
 * Deterministic: sentence order is shuffled with a seeded generator; the epoch with the best dev
 * accuracy is kept. The second pass is trained on first-pass tags produced by 2-fold jackknifing,
 * so it learns how far to trust them on unseen text. The jackknife models may train elsewhere
 * while the first pass trains here (a JackknifeRunner: scripts/lib/jackknife-thread.ts uses a
 * worker thread); the result does not depend on where.
 */
import { SparseModel, argmax } from './perceptron.ts';
import { AveragedPerceptron } from './averaged-perceptron.ts';
import { MAX_TAGGER_FEATURES, ambiguityLexicon, normWord, sentenceHashes, taggerFeatures, type SentenceHashes } from './tagger-features.ts';
import { trainLemmatizer } from './lemmatizer.ts';
import { Tagger, type TaggerMeta } from './tagger.ts';
import { writeModelFile, sparseArrays } from './model-file.ts';
import { mulberry32, shuffleInPlace } from './random.ts';
import type { WordClusters } from './clusters.ts';

/** What the tagger learns from: one sentence's words with gold tags and lemmas. */
export interface TaggedSentence {
  words: string[];
  upos: string[];
  xpos: string[];
  lemmas: string[];
}

export interface TrainTaggerOptions {
  train: TaggedSentence[];
  dev: TaggedSentence[];
  epochs?: number;
  seed?: number;
  twoPass?: boolean;
  /** Features seen fewer times than this in training are ignored (1 = keep all). */
  minFeatureCount?: number;
  /** Folds for the jackknifed first-pass tags given to the parser's training (default 4). */
  parserJackknifeFolds?: number;
  /** Word clusters for the cluster templates (recorded in the meta as `clusters: true`). */
  clusters?: WordClusters | null;
  log?: (s: string) => void;
  /** Where the jackknives run (default: here, in turn; see JackknifeRunner). */
  runJackknife?: JackknifeRunner;
}

export interface TrainedTagger {
  tagger: Tagger;
  devAccuracy: number;
  /** Jackknifed (held-out, 4-fold) class ids of every training sentence, for training the parser on realistic tags. */
  jackknife: Int32Array[] | null;
}

/** A training sentence ready for the perceptron: its feature hashes and gold class ids. */
export interface PreparedSentence {
  h: SentenceHashes;
  gold: Int32Array;
}
type Prepared = PreparedSentence;

/**
 * What the jackknife needs (plain data: it may be sent to another thread): the prepared training
 * sentences, the class count, each class's UPOS and the first pass's settings.
 */
export interface JackknifeJob {
  data: PreparedSentence[];
  classes: number;
  upos: string[];
  /** Epochs of each fold's model. */
  epochs: number;
  seed: number;
  minCount: number;
}

/**
 * Runs the jackknives of `folds` (e.g. [2, 4]) and gives one promise per entry, in order, of
 * every training sentence's held-out tags. The default runs them here, one after the other;
 * scripts/lib/jackknife-thread.ts runs them on another thread (same results: each fold's model
 * depends only on the job and its own seed).
 */
export type JackknifeRunner = (job: JackknifeJob, folds: readonly number[], log: (s: string) => void) => Array<Promise<Int32Array[]>>;

/** The default runner: each jackknife in this thread, when asked for. */
export const inlineJackknife: JackknifeRunner = (job, folds, log) => folds.map((F) => Promise.resolve().then(() => jackknifeTags(job, F, log)));

/**
 * First-pass tags of every training sentence, held out: with F folds (sentence i in fold i mod F),
 * fold h is tagged by a model trained on the other folds for ceil(epochs / 2) epochs with seed
 * seed + 10F + h.
 */
export function jackknifeTags(job: JackknifeJob, F: number, log: (s: string) => void): Int32Array[] {
  const { data, classes: K, upos, epochs, seed, minCount } = job;
  const name = F === 2 ? 'jackknife' : 'parser jackknife';
  const feats = new Uint32Array(MAX_TAGGER_FEATURES);
  const scores = new Float32Array(K);
  const tags: Int32Array[] = new Array(data.length);
  for (let h = 0; h < F; h++) {
    const rest = data.filter((_, i) => i % F !== h);
    const m = trainPass(`${name} ${h + 1}/${F}`, rest, [], K, upos, Math.max(1, Math.ceil(epochs / 2)), seed + 10 * F + h, null, null, log, minCount);
    data.forEach((d, i) => {
      if (i % F === h) tags[i] = decode(m.model, d.h, K, null, feats, scores);
    });
  }
  return tags;
}

const SKETCH_BITS = 24;

/** Features seen at least twice in training (counted in a hashed sketch) — prunes hapax features. */
function frequentFeatures(data: Prepared[], twoPass: boolean, minCount: number): Set<number> | null {
  if (minCount <= 1) return null;
  const sketch = new Uint8Array(1 << SKETCH_BITS);
  const mask = (1 << SKETCH_BITS) - 1;
  const feats = new Uint32Array(MAX_TAGGER_FEATURES);
  const allowed = new Set<number>();
  for (const d of data) {
    const g = d.gold;
    for (let i = 0; i < d.h.n; i++) {
      const n1 = twoPass ? (i + 1 < d.h.n ? g[i + 1]! : -1) : -2;
      const n2 = twoPass ? (i + 2 < d.h.n ? g[i + 2]! : -1) : -2;
      const k = taggerFeatures(d.h, i, i > 0 ? g[i - 1]! : -1, i > 1 ? g[i - 2]! : -1, n1, n2, feats);
      for (let j = 0; j < k; j++) {
        const f = feats[j]!;
        const s = f & mask;
        if (sketch[s]! < 255) sketch[s]!++;
        if (sketch[s]! >= minCount) allowed.add(f);
      }
    }
  }
  return allowed;
}

/** Greedy decode with a trainer's current weights or a sparse model; optional right-context tags. */
function decode(
  model: { score(f: ArrayLike<number>, n: number, s: Float32Array): void },
  h: SentenceHashes, K: number, right: Int32Array | null, feats: Uint32Array, scores: Float32Array,
): Int32Array {
  const out = new Int32Array(h.n);
  for (let i = 0; i < h.n; i++) {
    const n1 = right ? (i + 1 < h.n ? right[i + 1]! : -1) : -2;
    const n2 = right ? (i + 2 < h.n ? right[i + 2]! : -1) : -2;
    const k = taggerFeatures(h, i, i > 0 ? out[i - 1]! : -1, i > 1 ? out[i - 2]! : -1, n1, n2, feats);
    model.score(feats, k, scores);
    out[i] = argmax(scores, K);
  }
  return out;
}

function accuracy(model: SparseModel, data: Prepared[], K: number, right: Int32Array[] | null, upos: string[]): number {
  const feats = new Uint32Array(MAX_TAGGER_FEATURES);
  const scores = new Float32Array(K);
  let ok = 0;
  let n = 0;
  data.forEach((d, si) => {
    const p = decode(model, d.h, K, right ? right[si]! : null, feats, scores);
    for (let i = 0; i < d.h.n; i++) {
      n++;
      if (upos[p[i]!] === upos[d.gold[i]!]) ok++;
    }
  });
  return n ? ok / n : 0;
}

/** Train one perceptron pass; returns the best-on-dev averaged model. */
function trainPass(
  name: string, train: Prepared[], dev: Prepared[], K: number, upos: string[], epochs: number, seed: number,
  trainRight: Int32Array[] | null, devRight: Int32Array[] | null, log: (s: string) => void, minCount: number,
): { model: SparseModel; acc: number } {
  const ap = new AveragedPerceptron(K, frequentFeatures(train, trainRight !== null, minCount));
  const feats = new Uint32Array(MAX_TAGGER_FEATURES);
  const scores = new Float32Array(K);
  const order = train.map((_, i) => i);
  const rand = mulberry32(seed);
  let best: { model: SparseModel; acc: number } | null = null;
  for (let ep = 0; ep < epochs; ep++) {
    shuffleInPlace(order, rand);
    let ok = 0;
    let n = 0;
    for (const si of order) {
      const d = train[si]!;
      const right = trainRight ? trainRight[si]! : null;
      const prev = new Int32Array(d.h.n);
      for (let i = 0; i < d.h.n; i++) {
        const n1 = right ? (i + 1 < d.h.n ? right[i + 1]! : -1) : -2;
        const n2 = right ? (i + 2 < d.h.n ? right[i + 2]! : -1) : -2;
        const k = taggerFeatures(d.h, i, i > 0 ? prev[i - 1]! : -1, i > 1 ? prev[i - 2]! : -1, n1, n2, feats);
        ap.score(feats, k, scores);
        const p = argmax(scores, K);
        const g = d.gold[i]!;
        if (p !== g) ap.update(feats, k, g, p);
        else ok++;
        n++;
        ap.tick();
        prev[i] = p;
      }
    }
    // pruning tiny weights costs ~0.05 UPOS on dev and makes tagging ~1.7x faster
    const model = ap.toSparse(0.5, 1.0);
    const acc = dev.length ? accuracy(model, dev, K, devRight, upos) : ok / n;
    log(`  ${name} epoch ${ep + 1}/${epochs}: train ${(100 * ok / n).toFixed(2)}  dev UPOS ${(100 * acc).toFixed(2)}  features ${ap.features}`);
    if (!best || acc > best.acc) best = { model, acc };
  }
  return best!;
}

/** Train the tagger (and lemmatizer) and return it with its dev accuracy. */
export async function trainTagger(opts: TrainTaggerOptions): Promise<TrainedTagger> {
  const { train, dev, epochs = 8, seed = 1, twoPass = true, minFeatureCount = 2, parserJackknifeFolds = 4, clusters = null, log = () => {}, runJackknife = inlineJackknife } = opts;
  // Classes: UPOS+XPOS pairs seen 3+ times; rarer pairs fall back to the commonest pair of their XPOS.
  const counts = new Map<string, number>();
  for (const s of train) for (let i = 0; i < s.words.length; i++) {
    const c = `${s.upos[i]}\t${s.xpos[i]}`;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const classes = [...counts].filter(([, c]) => c >= 3).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  const index = new Map(classes.map((c, i) => [c, i]));
  const byX = new Map<string, number>();
  for (const c of classes) {
    const x = c.split('\t')[1]!;
    if (!byX.has(x)) byX.set(x, index.get(c)!);
  }
  const byU = new Map<string, number>();
  for (const c of classes) {
    const u = c.split('\t')[0]!;
    if (!byU.has(u)) byU.set(u, index.get(c)!);
  }
  const classOf = (u: string, x: string) => index.get(`${u}\t${x}`) ?? byU.get(u) ?? byX.get(x) ?? 0;
  // Ambiguity classes: for words seen twice or more, the set of classes covering 2%+ of uses.
  const wordTags = new Map<string, Map<number, number>>();
  for (const s of train) s.words.forEach((w, i) => {
    const l = normWord(w);
    let m = wordTags.get(l);
    if (!m) wordTags.set(l, (m = new Map()));
    const c = classOf(s.upos[i]!, s.xpos[i]!);
    m.set(c, (m.get(c) ?? 0) + 1);
  });
  // Capitalisation profile of each word away from the sentence start.
  const caps = new Map<string, [number, number]>();
  for (const s of train) s.words.forEach((w, i) => {
    if (i === 0 || !/^\p{L}/u.test(w)) return;
    const l = normWord(w);
    const c = caps.get(l) ?? [0, 0];
    if (/^\p{Lu}/u.test(w)) c[0]++;
    c[1]++;
    caps.set(l, c);
  });
  const caseBucket = (l: string) => {
    const c = caps.get(l);
    if (!c || c[1] === 0) return 0;
    const r = c[0] / c[1];
    return r >= 0.9 ? 1 : r >= 0.5 ? 2 : r >= 0.1 ? 3 : 4;
  };
  const ambiguity: Array<[string, string, number]> = [];
  for (const [w, m] of [...wordTags].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    let total = 0;
    for (const c of m.values()) total += c;
    if (total < 2) continue;
    const set = [...m].filter(([, c]) => c >= 0.02 * total).map(([k]) => k).sort((a, b) => a - b);
    ambiguity.push([w, set.join('|'), caseBucket(w)]);
  }
  const lexicon = ambiguityLexicon(ambiguity, clusters);
  const prep = (s: TaggedSentence): Prepared => ({
    h: sentenceHashes(s.words, lexicon),
    gold: Int32Array.from(s.words.map((_, i) => classOf(s.upos[i]!, s.xpos[i]!))),
  });
  const trainP = train.map(prep);
  const devP = dev.map(prep);
  const K = classes.length;
  const upos = classes.map((c) => c.split('\t')[0]!);
  log(`tagger: ${train.length} training sentences, ${K} classes`);
  let p1: { model: SparseModel; acc: number };
  let p2: { model: SparseModel; acc: number } | null = null;
  let jackknife: Int32Array[] | null = null;
  if (twoPass) {
    // Jackknife: first-pass tags on each fold come from a model trained on the other folds. 2 folds
    // for the second pass (noisier right context makes it rely on its own evidence: best on dev);
    // more folds for the parser, whose training tags should be as good as run-time ones (4 folds:
    // +0.3 dev UAS over 2). Started before pass 1, so a runner on another thread overlaps them.
    const job: JackknifeJob = { data: trainP, classes: K, upos, epochs, seed, minCount: minFeatureCount };
    const folds = parserJackknifeFolds === 2 ? [2] : [2, parserJackknifeFolds];
    const pending = runJackknife(job, folds, log);
    // a rejected promise waited for later must not count as unhandled meanwhile
    for (const p of pending) p.catch(() => {});
    p1 = trainPass('pass 1', trainP, devP, K, upos, epochs, seed, null, null, log, minFeatureCount);
    const right = await pending[0]!;
    const feats = new Uint32Array(MAX_TAGGER_FEATURES);
    const scores = new Float32Array(K);
    const first = p1.model;
    const devRight = devP.map((d) => decode(first, d.h, K, null, feats, scores));
    p2 = trainPass('pass 2', trainP, devP, K, upos, epochs, seed + 1, right, devRight, log, minFeatureCount);
    if (p2.acc <= p1.acc) {
      log(`  pass 2 (${(100 * p2.acc).toFixed(2)}) does not beat pass 1 (${(100 * p1.acc).toFixed(2)}); keeping one pass`);
      p2 = null;
    }
    jackknife = await pending[pending.length - 1]!;
  } else {
    p1 = trainPass('pass 1', trainP, devP, K, upos, epochs, seed, null, null, log, minFeatureCount);
  }
  const lemma = trainLemmatizer(
    train.flatMap((s) => s.words.map((w, i) => ({ form: w, xpos: s.xpos[i]!, upos: s.upos[i]!, lemma: s.lemmas[i]! }))),
  );
  const meta: TaggerMeta = {
    kind: 'tagger',
    classes,
    lemma,
    ambiguity,
    twoPass: p2 !== null,
    ...(clusters ? { clusters: true } : {}),
    info: { trainSentences: train.length, epochs, seed, minFeatureCount, devUpos: p2 ? p2.acc : p1.acc },
  };
  return { tagger: new Tagger(meta, p1.model, p2 ? p2.model : null, clusters), devAccuracy: p2 ? p2.acc : p1.acc, jackknife };
}

/** Write a trained tagger to `path`; returns the file size in bytes. */
export function saveTagger(path: string, t: Tagger): number {
  return writeModelFile(path, t.meta, {
    ...sparseArrays('pass1', t.pass1),
    ...(t.pass2 ? sparseArrays('pass2', t.pass2) : {}),
  });
}
