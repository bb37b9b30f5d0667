/**
 * @module nlp/tagger
 * Part-of-speech tagger (UD UPOS and Penn XPOS, predicted jointly as one class) and lemmatizer.
 * An averaged perceptron, decoded greedily left to right, then a second pass that also sees the
 * first pass's tags to the right. Trained on UD English EWT + GUM (see models/README.md).
 * The model is read from models/tagger.bin on first use.
 */
import type { Doc } from './doc.ts';
import type { Stage } from '../pipeline/stage.ts';
import { SparseModel, argmax } from './perceptron.ts';
import { Lemmatizer, type LemmaData } from './lemmatizer.ts';
import { MAX_TAGGER_FEATURES, wordInfoCache, type WordInfoCache, ambiguityLexicon, contextFeatures, sentenceHashes, taggerFeatures, wordFeatures, type SentenceHashes, type TaggerLexicon } from './tagger-features.ts';
import { readModelFile, sparseFrom } from './model-file.ts';
import { BoundedCache } from './bounded-cache.ts';
import { modelPath } from './models.ts';
import { dirname, join } from 'node:path';
import { loadClusters, type WordClusters } from './clusters.ts';

export interface TaggerMeta {
  kind: 'tagger';
  /** Class names, "UPOS\tXPOS". */
  classes: string[];
  lemma: LemmaData;
  /** [normalised word, ambiguity class, capitalisation bucket] for words seen twice or more in training. */
  ambiguity: Array<[string, string, number]>;
  /** Whether a second (right-context) pass model is present. */
  twoPass: boolean;
  /** Trained with word-cluster features (models/clusters.tsv.gz; absent = no). */
  clusters?: boolean;
  info: Record<string, unknown>;
}

/** A loaded tagger. */
export class Tagger {
  readonly meta: TaggerMeta;
  readonly pass1: SparseModel;
  readonly pass2: SparseModel | null;
  readonly lemmatizer: Lemmatizer;
  readonly upos: string[];
  readonly xpos: string[];
  #lexicon: TaggerLexicon;
  #words: WordInfoCache;
  #feats = new Uint32Array(MAX_TAGGER_FEATURES);
  #scores: Float32Array;
  #acc: Int32Array;
  /**
   * Per pass, the summed integer weights of each word type's word-only features (see
   * `wordFeatures`; they depend on the word alone): about half of the additions of a token.
   */
  #partial: Array<BoundedCache<string, Int32Array> | null>;

  constructor(meta: TaggerMeta, pass1: SparseModel, pass2: SparseModel | null, clusters?: WordClusters | null) {
    this.meta = meta;
    this.pass1 = pass1;
    this.pass2 = pass2;
    this.lemmatizer = new Lemmatizer(meta.lemma);
    this.upos = meta.classes.map((c) => c.split('\t')[0]!);
    this.xpos = meta.classes.map((c) => c.split('\t')[1]!);
    this.#scores = new Float32Array(meta.classes.length);
    this.#acc = new Int32Array(meta.classes.length);
    this.#lexicon = ambiguityLexicon(meta.ambiguity, meta.clusters ? (clusters ?? loadClusters()) : null);
    this.#words = wordInfoCache(this.#lexicon);
    const wordPart = (model: SparseModel) => (w: string): Int32Array => {
      const part = new Int32Array(meta.classes.length);
      const feats = new Uint32Array(MAX_TAGGER_FEATURES);
      model.accumulate(feats, wordFeatures(sentenceHashes([w], this.#lexicon, this.#words), 0, feats), part);
      return part;
    };
    // only models read from a file hold exact integer weights that can be summed in parts
    this.#partial = [pass1, pass2].map((m) => (m?.accumulates ? new BoundedCache(PARTIAL_CACHE_WORDS, wordPart(m)) : null));
    this.#lemmas = meta.classes.map((_, c) => new BoundedCache(PARTIAL_CACHE_WORDS, (text: string) => this.lemmatizer.lemma(text, this.upos[c]!, this.xpos[c]!)));
  }

  /**
   * Second-pass shortcut: a token whose first-pass margin (best minus second-best score) exceeds
   * this keeps its first-pass tag when the tags to its left did not change (measured on EWT dev:
   * the same accuracy, about half the second-pass work). `Infinity` disables the shortcut.
   */
  confidentMargin = 20;

  /**
   * Scores of token i in pass `p` (0 or 1) into this.#scores. With int16 models (loaded from a
   * file) the word-only part comes from the per-word cache, exactly; otherwise all features are
   * scored directly.
   */
  #score(p: 0 | 1, words: readonly string[], h: SentenceHashes, i: number, p1: number, p2: number, n1: number, n2: number): void {
    const model = p === 0 ? this.pass1 : this.pass2!;
    const feats = this.#feats;
    const cache = this.#partial[p];
    if (!cache) {
      const k = taggerFeatures(h, i, p1, p2, n1, n2, feats);
      model.score(feats, k, this.#scores);
      return;
    }
    const part = cache.get(words[i]!);
    const acc = this.#acc;
    acc.set(part);
    model.accumulate(feats, contextFeatures(h, i, p1, p2, n1, n2, feats), acc);
    model.finish(acc, this.#scores);
  }

  /** Class indices for the words of one sentence. */
  tagClasses(words: readonly string[]): Int32Array {
    const h = sentenceHashes(words, this.#lexicon, this.#words);
    const n = words.length;
    const first = new Int32Array(n);
    const margin = new Float32Array(n);
    const K = this.meta.classes.length;
    const scores = this.#scores;
    for (let i = 0; i < n; i++) {
      this.#score(0, words, h, i, i > 0 ? first[i - 1]! : -1, i > 1 ? first[i - 2]! : -1, -2, -2);
      let best = 0;
      let second = -Infinity;
      for (let c = 1; c < K; c++) {
        if (scores[c]! > scores[best]!) {
          second = scores[best]!;
          best = c;
        } else if (scores[c]! > second) second = scores[c]!;
      }
      first[i] = best;
      margin[i] = scores[best]! - second;
    }
    if (!this.pass2) return first;
    const out = new Int32Array(n);
    const T = this.confidentMargin;
    for (let i = 0; i < n; i++) {
      if (margin[i]! > T && (i < 1 || out[i - 1] === first[i - 1]) && (i < 2 || out[i - 2] === first[i - 2])) {
        out[i] = first[i]!;
        continue;
      }
      this.#score(1, words, h, i, i > 0 ? out[i - 1]! : -1, i > 1 ? out[i - 2]! : -1, i + 1 < n ? first[i + 1]! : -1, i + 2 < n ? first[i + 2]! : -1);
      out[i] = argmax(scores, K);
    }
    return out;
  }

  /** Lemmas per tag class, memoised (the lemmatizer builds strings). */
  #lemmas: Array<BoundedCache<string, string>>;

  /** Tag and lemmatise every sentence of `doc` in place. */
  tagDoc(doc: Doc): void {
    for (const s of doc.sentences) {
      const toks = doc.tokens.slice(s.firstToken, s.endToken);
      const cls = this.tagClasses(toks.map((t) => t.text));
      for (let i = 0; i < toks.length; i++) {
        const t = toks[i]!;
        t.pos = this.upos[cls[i]!]!;
        t.xpos = this.xpos[cls[i]!]!;
        t.lemma = this.#lemmas[cls[i]!]!.get(t.text);
      }
    }
  }
}

/** Word types whose partial scores are kept per pass (~380 bytes each). */
const PARTIAL_CACHE_WORDS = 20_000;

let cached: Tagger | null = null;

/**
 * Load the tagger model (cached after the first call).
 * @throws DossierError MODEL_MISSING naming the file.
 */
export function loadTagger(path = modelPath('tagger.bin')): Tagger {
  if (cached && path === modelPath('tagger.bin')) return cached;
  const c = readModelFile<TaggerMeta>(path, 'tagger');
  const K = c.meta.classes.length;
  // a model trained with clusters reads the clusters file that sits beside it
  const clusters = c.meta.clusters ? loadClusters(join(dirname(path), 'clusters.tsv.gz')) : null;
  const t = new Tagger(c.meta, sparseFrom(c, 'pass1', K, path), c.meta.twoPass ? sparseFrom(c, 'pass2', K, path) : null, clusters);
  if (path === modelPath('tagger.bin')) cached = t;
  return t;
}

export interface TaggerOptions {
  /** Model file (default models/tagger.bin). */
  model?: string;
}

/** Pipeline stage: sets token.pos (UPOS), token.xpos and token.lemma. Loads the model on first run. */
export function tagger(opts: TaggerOptions = {}): Stage {
  let model: Tagger | null = null;
  return {
    name: 'tagger',
    requires: ['sentences', 'tokens'],
    assigns: ['pos', 'lemma'],
    run(doc) {
      model ??= loadTagger(opts.model);
      model.tagDoc(doc);
    },
  };
}
