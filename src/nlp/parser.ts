/**
 * @module nlp/parser
 * Dependency parser producing UD trees: a greedy arc-hybrid transition parser scored by an
 * averaged perceptron (trained with a dynamic oracle), followed by the relation labeller
 * (nlp/labeler.ts). Reads models/parser.bin on first use. Sets token.head (index into
 * doc.tokens, -1 for the root) and token.dep (UD relation, with subtype where UD has one).
 */
import type { Doc, Token } from './doc.ts';
import type { Stage } from '../pipeline/stage.ts';
import { SparseModel, argmax } from './perceptron.ts';
import { ParseState, N_ACTIONS, SHIFT, RIGHT } from './parser-state.ts';
import { MAX_ARC_LABEL_FEATURES, MAX_PARSER_FEATURES, arcLabelFeatures, bufferFeatures, configFeatures, parserFeatures, parserInput, tagFlags, type SentenceClusters } from './parser-features.ts';
import { loadClusters, type WordClusters } from './clusters.ts';
import { MAX_LABEL_FEATURES, labelFeatures, treeIndex, type LabelInput } from './labeler.ts';
import { hashString } from './hash.ts';
import { normWord } from './tagger-features.ts';
import { readModelFile, sparseFrom } from './model-file.ts';
import { modelPath } from './models.ts';
import { dirname, join } from 'node:path';
import { BoundedCache } from './bounded-cache.ts';

export interface ParserMeta {
  kind: 'parser';
  /** Tag vocabulary ("UPOS\tXPOS"), index = tag id. */
  tags: string[];
  labels: string[];
  /** Which classifier's relations are output: assigned during parsing, or by the tree labeller. */
  labelsFrom: 'arcs' | 'labeller';
  /** Trained with the coarse-UPOS feature templates (absent in older models = no). */
  coarseUpos?: boolean;
  /** Trained with word-cluster features (models/clusters.tsv.gz; absent = no). */
  clusters?: boolean;
  info: Record<string, unknown>;
}

/** Bit of a label id in the parse state's label sets (the 30 commonest labels get their own). */
export function labelBit(l: number): number {
  return 1 << Math.min(l, 30);
}

/** Labels whose presence on a head's earlier children is a labeller feature (bit per label). */
export const CORE_LABELS = ['nsubj', 'obj', 'iobj', 'csubj', 'ccomp', 'xcomp', 'nsubj:pass', 'aux:pass', 'cop', 'expl', 'det', 'case', 'mark', 'aux', 'obl'];

export function coreBit(label: string): number {
  const i = CORE_LABELS.indexOf(label);
  return i < 0 ? 0 : 1 << i;
}

export class Parser {
  readonly meta: ParserMeta;
  readonly arcs: SparseModel;
  readonly labeller: SparseModel;
  readonly arcLabels: SparseModel;
  /** Per tag id: 1 = verb/auxiliary, 2 = punctuation. */
  readonly tagFlags: Uint8Array;
  #tagIndex: Map<string, number>;
  #uposIndex: Map<string, number>;
  #coreBits: Int32Array;
  #feats = new Uint32Array(Math.max(MAX_PARSER_FEATURES, MAX_LABEL_FEATURES, MAX_ARC_LABEL_FEATURES));
  #scores = new Float32Array(N_ACTIONS);
  /** Integer partial score of the current b0's buffer features (see `parseHeads`). */
  #base = new Int32Array(2);
  #lscores: Float32Array;

  /** Word clusters, when the model was trained with them. */
  readonly clusters: WordClusters | null;

  constructor(meta: ParserMeta, arcs: SparseModel, labeller: SparseModel, arcLabels: SparseModel, clusters?: WordClusters | null) {
    this.meta = meta;
    this.clusters = meta.clusters ? (clusters ?? loadClusters()) : null;
    this.arcs = arcs;
    this.labeller = labeller;
    this.arcLabels = arcLabels;
    this.tagFlags = tagFlags(meta.tags);
    this.#tagIndex = new Map(meta.tags.map((t, i) => [t, i]));
    this.#uposIndex = new Map();
    meta.tags.forEach((t, i) => {
      const u = t.split('\t')[0]!;
      if (!this.#uposIndex.has(u)) this.#uposIndex.set(u, i);
    });
    this.#coreBits = Int32Array.from(meta.labels.map(coreBit));
    this.#lscores = new Float32Array(meta.labels.length);
    this.#root = meta.labels.indexOf('root');
  }

  /** Tag id of a (UPOS, XPOS) pair, falling back to the commonest pair with that UPOS. */
  tagId(upos: string, xpos: string): number {
    return this.#tagIndex.get(`${upos}\t${xpos}`) ?? this.#uposIndex.get(upos) ?? 0;
  }

  /** Tree (heads, -1 = root) with the relations assigned while parsing (label ids). */
  parseHeads(wordHashes: Uint32Array, tags: Int32Array, clusters: SentenceClusters | null = null): { heads: Int32Array; arcLabels: Int32Array } {
    const x = parserInput(wordHashes, tags, this.tagFlags, this.meta.coarseUpos === true, clusters);
    const st = new ParseState(x.n);
    const feats = this.#feats;
    const scores = this.#scores;
    const arcs = this.arcs;
    // Models read from a file sum exact integers, so the buffer features' part can be scored once
    // per b0 and reused by the LEFT/RIGHT steps that keep it (same scores, fewer lookups).
    const partials = arcs.inlinePartials;
    const base = this.#base;
    let baseFor = -1;
    while (!st.terminal) {
      let a: number;
      // With an empty stack only SHIFT is possible, with ROOT in front of a deep stack only
      // RIGHT: no need to score (training never updates there either).
      if (st.sp === 0) a = SHIFT;
      else if (st.b === x.n && st.sp > 1) a = RIGHT;
      else {
        if (partials) {
          if (baseFor !== st.b) {
            arcs.partialInline(feats, bufferFeatures(x, st.b, feats, 0), base);
            baseFor = st.b;
          }
          arcs.scoreInlineFrom(base, feats, configFeatures(x, st, feats, 0), scores);
        } else arcs.score(feats, parserFeatures(x, st, feats), scores);
        // argmax over the valid actions, inline (no closure per step on the hot path)
        a = -1;
        let best = -Infinity;
        for (let c = 0; c < N_ACTIONS; c++) {
          if (scores[c]! > best && st.valid(c)) {
            best = scores[c]!;
            a = c;
          }
        }
      }
      const d = st.apply(a);
      if (d >= 0) this.labelArc(x, st, d);
    }
    const heads = new Int32Array(x.n);
    for (let i = 0; i < x.n; i++) heads[i] = st.heads[i] === x.n ? -1 : st.heads[i]!;
    return { heads, arcLabels: st.labels.slice(0, x.n) };
  }

  /** Label the arc into `d` just made in `st`; returns the label id. */
  labelArc(x: ReturnType<typeof parserInput>, st: ParseState, d: number): number {
    const h = st.heads[d]!;
    const k = arcLabelFeatures(x, st, h, d, this.#feats);
    this.arcLabels.score(this.#feats, k, this.#lscores);
    const root = this.#rootLabel;
    let l = root;
    if (h !== x.n) {
      const sc = this.#lscores;
      let best = -Infinity;
      for (let c = 0; c < sc.length; c++) {
        if (c !== root && sc[c]! > best) {
          best = sc[c]!;
          l = c;
        }
      }
    }
    st.setLabel(d, l, labelBit(l));
    return l;
  }

  /** Label ids for a tree, left to right. */
  label(x: LabelInput): Int32Array {
    const t = treeIndex(x.heads);
    const n = x.n;
    const out = new Int32Array(n);
    const lastLabel = new Int32Array(n + 1).fill(-1);
    const mask = new Int32Array(n + 1);
    const feats = this.#feats;
    const scores = this.#lscores;
    for (let d = 0; d < n; d++) {
      const h = x.heads[d]! < 0 ? n : x.heads[d]!;
      const k = labelFeatures(x, t, d, lastLabel[h]!, mask[h]!, feats);
      this.labeller.score(feats, k, scores);
      const l = argmax(scores, this.meta.labels.length, h === n ? undefined : (l) => l !== this.#rootLabel);
      out[d] = l;
      lastLabel[h] = l;
      mask[h]! |= this.#coreBits[l]!;
    }
    return out;
  }

  get #rootLabel(): number {
    return this.#root;
  }

  #root = -1;

  /** [form hash, 3-letter suffix hash, fine and coarse cluster] of the normalised word, memoised across sentences. */
  #wordHashes = new BoundedCache(200_000, (w: string): Uint32Array => {
    const l = normWord(w);
    const c = this.clusters;
    return Uint32Array.of(hashString(l), hashString(l.slice(-3)), c ? c.fine(l) : 0, c ? c.coarse(l) : 0);
  });

  /** Parse one sentence given word forms and (UPOS, XPOS) tags. */
  parseSentence(words: readonly string[], upos: readonly string[], xpos: readonly string[]): { heads: Int32Array; labels: string[] } {
    const n = words.length;
    const wh = new Uint32Array(n);
    const sfx = new Uint32Array(n);
    const tags = new Int32Array(n);
    const cl = this.clusters ? { fine: new Uint32Array(n), coarse: new Uint32Array(n) } : null;
    for (let i = 0; i < n; i++) {
      const h = this.#wordHashes.get(words[i]!);
      wh[i] = h[0]!;
      sfx[i] = h[1]!;
      if (cl) {
        cl.fine[i] = h[2]!;
        cl.coarse[i] = h[3]!;
      }
      tags[i] = this.tagId(upos[i]!, xpos[i]!);
    }
    const { heads, arcLabels } = this.parseHeads(wh, tags, cl);
    let ids = arcLabels;
    if (this.meta.labelsFrom === 'labeller') {
      const p = new Uint32Array(n);
      for (let i = 0; i < n; i++) p[i] = tags[i]! + 2;
      ids = this.label({ n, w: wh, p, sfx, heads });
    }
    return { heads, labels: Array.from(ids, (i) => this.meta.labels[i]!) };
  }

  /** Parse every sentence of `doc` in place (tokens must be tagged). */
  parseDoc(doc: Doc): void {
    for (const s of doc.sentences) {
      const toks: Token[] = doc.tokens.slice(s.firstToken, s.endToken);
      if (toks.length === 0) continue;
      const { heads, labels } = this.parseSentence(toks.map((t) => t.text), toks.map((t) => t.pos), toks.map((t) => t.xpos));
      for (let i = 0; i < toks.length; i++) {
        const t = toks[i]!;
        t.head = heads[i]! < 0 ? -1 : s.firstToken + heads[i]!;
        t.dep = labels[i]!;
      }
    }
  }
}

let cached: Parser | null = null;

/**
 * Load the parser model (cached after the first call).
 * @throws DossierError MODEL_MISSING naming the file.
 */
export function loadParser(path = modelPath('parser.bin')): Parser {
  const isDefault = path === modelPath('parser.bin');
  if (cached && isDefault) return cached;
  const c = readModelFile<ParserMeta>(path, 'parser');
  const L = c.meta.labels.length;
  // the tree labeller is only built when its relations are the ones output (saves memory)
  const labeller = c.meta.labelsFrom === 'arcs' ? new SparseModel(L, new Uint32Array(0), new Uint32Array([0]), new Uint8Array(0), new Float32Array(0)) : sparseFrom(c, 'labels', L, path);
  // a model trained with clusters reads the clusters file that sits beside it
  const clusters = c.meta.clusters ? loadClusters(join(dirname(path), 'clusters.tsv.gz')) : null;
  const p = new Parser(c.meta, sparseFrom(c, 'arcs', N_ACTIONS, path), labeller, sparseFrom(c, 'arclabels', L, path), clusters);
  if (isDefault) cached = p;
  return p;
}

export interface ParserOptions {
  /** Model file (default models/parser.bin). */
  model?: string;
}

/** Pipeline stage: sets token.head and token.dep. Loads the model on first run. */
export function parser(opts: ParserOptions = {}): Stage {
  let model: Parser | null = null;
  return {
    name: 'parser',
    requires: ['pos'],
    assigns: ['deps'],
    run(doc) {
      model ??= loadParser(opts.model);
      model.parseDoc(doc);
    },
  };
}
