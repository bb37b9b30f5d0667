/**
 * @module nlp/parser-train
 * Training of the arc-hybrid parser (dynamic oracle with exploration, Goldberg & Nivre 2013) and
 * of the relation labeller, from UD sentences with predicted tags. Deterministic given the seed;
 * the epoch with the best dev UAS (parser) / label accuracy (labeller) is kept.
 */
import { SparseModel, argmax, averageSparse, keepFeatures } from './perceptron.ts';
import { AveragedPerceptron } from './averaged-perceptron.ts';
import { ParseState, N_ACTIONS } from './parser-state.ts';
import { MAX_ARC_LABEL_FEATURES, MAX_PARSER_FEATURES, arcLabelFeatures, parserFeatures, parserInput } from './parser-features.ts';
import { MAX_LABEL_FEATURES, labelFeatures, treeIndex, type LabelInput } from './labeler.ts';
import { Parser, coreBit, labelBit, type ParserMeta } from './parser.ts';
import { hashString } from './hash.ts';
import { normWord } from './tagger-features.ts';
import { writeModelFile, tableArrays } from './model-file.ts';
import { mulberry32, shuffleInPlace } from './random.ts';
import type { WordClusters } from './clusters.ts';
import type { SentenceClusters } from './parser-features.ts';

/** A training sentence: words, tags (as "UPOS\tXPOS" ids into `tags`), gold heads (-1 root) and labels. */
export interface TreeSentence {
  words: string[];
  upos: string[];
  xpos: string[];
  heads: number[];
  labels: string[];
  /** Scale of this sentence's updates (arcs and arc-time relations; default 1). */
  weight?: number;
}

export interface TrainParserOptions {
  train: TreeSentence[];
  dev: TreeSentence[];
  /** Tag vocabulary shared with the tagger ("UPOS\tXPOS"). */
  tags: string[];
  epochs?: number;
  labelEpochs?: number;
  seed?: number;
  /** Probability of following a wrong prediction during training (after the first epoch). */
  explore?: number;
  /** Arc features whose largest averaged weight is below this are dropped (model size and speed). */
  prune?: number;
  /**
   * After the epoch is chosen: arc features whose largest weight is below `below` are kept only
   * if they fire at least `minCount` times while the chosen model parses the training sentences
   * (the small weights of frequent features carry the gain of light pruning; rare ones only
   * size). Absent: no such step.
   */
  pruneRare?: { below: number; minCount: number } | null;
  /** The same for the two relation classifiers (they lose more accuracy to pruning). */
  pruneLabels?: number;
  /** Arc updates: plain perceptron (+1/-1) or passive-aggressive (PA-I, step from the margin violation, capped by `paC`). */
  update?: 'perceptron' | 'pa';
  paC?: number;
  /** PA margin, in units of 2·(feature count): the step is min(C, margin + violation / (2·k)). */
  paMargin?: number;
  /** First epoch (0-based) in which wrong predictions are followed (exploration). */
  exploreFrom?: number;
  /** Add the 6 coarse-UPOS templates (recorded in the model's meta; see parser-features.ts). */
  coarseUpos?: boolean;
  /** Word clusters for the cluster templates (recorded in the meta as `clusters: true`). */
  clusters?: WordClusters | null;
  log?: (s: string) => void;
}

interface Prepared {
  n: number;
  wh: Uint32Array;
  sfx: Uint32Array;
  tags: Int32Array;
  /** Gold heads with ROOT = n. */
  gold: Int32Array;
  labels: Int32Array;
  clusters: SentenceClusters | null;
  weight: number;
}

function prepare(s: TreeSentence, tagId: (u: string, x: string) => number, labelId: (l: string) => number, clusters: WordClusters | null): Prepared {
  const n = s.words.length;
  const wh = new Uint32Array(n);
  const sfx = new Uint32Array(n);
  const tags = new Int32Array(n);
  const gold = new Int32Array(n);
  const labels = new Int32Array(n);
  const cl = clusters ? { fine: new Uint32Array(n), coarse: new Uint32Array(n) } : null;
  for (let i = 0; i < n; i++) {
    const l = normWord(s.words[i]!);
    if (cl && clusters) {
      cl.fine[i] = clusters.fine(l);
      cl.coarse[i] = clusters.coarse(l);
    }
    wh[i] = hashString(l);
    sfx[i] = hashString(l.slice(-3));
    tags[i] = tagId(s.upos[i]!, s.xpos[i]!);
    gold[i] = s.heads[i]! < 0 ? n : s.heads[i]!;
    labels[i] = labelId(s.labels[i]!);
  }
  return { n, wh, sfx, tags, gold, labels, clusters: cl, weight: s.weight ?? 1 };
}

function labelInput(d: Prepared, heads: Int32Array): LabelInput {
  const p = new Uint32Array(d.n);
  for (let i = 0; i < d.n; i++) p[i] = d.tags[i]! + 2;
  return { n: d.n, w: d.wh, p, sfx: d.sfx, heads };
}

export interface TrainedParser {
  parser: Parser;
  devUas: number;
  devLas: number;
}

export function trainParser(opts: TrainParserOptions): TrainedParser {
  const { train, dev, tags, epochs = 10, labelEpochs = 8, seed = 7, explore = 0.9, prune = 1.0, pruneLabels = 0.3, update = 'perceptron', paC = 2, paMargin = 1, exploreFrom = 1, coarseUpos = false, clusters = null, log = () => {} } = opts;
  // Labels: every relation seen 5+ times; rarer subtypes fall back to their universal relation.
  const counts = new Map<string, number>();
  for (const s of train) for (const l of s.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const labels = [...counts].filter(([, c]) => c >= 5).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  if (!labels.includes('root')) labels.push('root');
  if (!labels.includes('dep')) labels.push('dep');
  const lIndex = new Map(labels.map((l, i) => [l, i]));
  const labelId = (l: string) => lIndex.get(l) ?? lIndex.get(l.split(':')[0]!) ?? lIndex.get('dep')!;
  const meta: ParserMeta = { kind: 'parser', tags, labels, labelsFrom: 'arcs', ...(coarseUpos ? { coarseUpos } : {}), ...(clusters ? { clusters: true } : {}), info: {} };
  const empty = new AveragedPerceptron(1).toSparse();
  const shell = new Parser(meta, empty, empty, empty, clusters);
  const tagId = (u: string, x: string) => shell.tagId(u, x);
  const trainP = train.map((s) => prepare(s, tagId, labelId, clusters));
  const devP = dev.map((s) => prepare(s, tagId, labelId, clusters));
  log(`parser: ${trainP.length} training sentences, ${labels.length} labels`);

  // --- arcs ---
  const ap = new AveragedPerceptron(N_ACTIONS, null, 1 << 18);
  const feats = new Uint32Array(MAX_PARSER_FEATURES);
  const scores = new Float32Array(N_ACTIONS);
  const costs = new Int32Array(N_ACTIONS);
  const rand = mulberry32(seed);
  const order = trainP.map((_, i) => i);
  const L = labels.length;
  const rootId = lIndex.get('root')!;
  const alp = new AveragedPerceptron(L, null, 1 << 16);
  const afeats = new Uint32Array(MAX_ARC_LABEL_FEATURES);
  const ascores = new Float32Array(L);
  let bestArcs: { model: SparseModel; arcLabels: SparseModel; uas: number } | null = null;
  for (let ep = 0; ep < epochs; ep++) {
    shuffleInPlace(order, rand);
    let steps = 0;
    let wrong = 0;
    let stepSum = 0;
    for (const si of order) {
      const d = trainP[si]!;
      const x = parserInput(d.wh, d.tags, shell.tagFlags, coarseUpos, d.clusters);
      const st = new ParseState(d.n);
      while (!st.terminal) {
        const k = parserFeatures(x, st, feats);
        ap.score(feats, k, scores);
        let minCost = Infinity;
        for (let a = 0; a < N_ACTIONS; a++) {
          costs[a] = st.valid(a) ? st.cost(a, d.gold) : 1 << 20;
          if (costs[a]! < minCost) minCost = costs[a]!;
        }
        const pred = argmax(scores, N_ACTIONS, (a) => st.valid(a));
        const best = argmax(scores, N_ACTIONS, (a) => costs[a] === minCost);
        steps++;
        let next = pred;
        if (costs[pred]! > minCost) {
          wrong++;
          let amount = 1;
          if (update === 'pa') {
            // PA-I: just enough to fix the violation with a margin, never more than C
            const viol = scores[pred]! - scores[best]!;
            amount = Math.min(paC, paMargin + viol / (2 * k));
          }
          amount *= d.weight;
          stepSum += amount;
          ap.update(feats, k, best, pred, amount);
          if (ep < exploreFrom || rand() >= explore) next = best;
        }
        ap.tick();
        const dep = st.apply(next);
        if (dep >= 0) {
          // label the new arc (its features feed later parsing decisions); learn from correct arcs
          const h = st.heads[dep]!;
          let l = rootId;
          if (h !== d.n) {
            const ka = arcLabelFeatures(x, st, h, dep, afeats);
            alp.score(afeats, ka, ascores);
            l = argmax(ascores, L, (c) => c !== rootId);
            if (d.gold[dep] === h && l !== d.labels[dep]) alp.update(afeats, ka, d.labels[dep]!, l, d.weight);
            alp.tick();
          }
          st.setLabel(dep, l, labelBit(l));
        }
      }
    }
    const model = ap.toSparse(1e-3, prune);
    const arcLabels = alp.toSparse(1e-3, pruneLabels);
    const probe = new Parser(meta, model, empty, arcLabels, clusters);
    const [uas, las] = evalUasLas(probe, devP);
    log(`  arcs epoch ${ep + 1}/${epochs}: wrong actions ${(100 * wrong / steps).toFixed(2)}%  dev UAS ${(100 * uas).toFixed(2)} LAS ${(100 * las).toFixed(2)}  features ${ap.features} (kept ${model.keys.length})  mean step ${(stepSum / Math.max(1, wrong)).toFixed(3)}`);
    if (!bestArcs || uas > bestArcs.uas) bestArcs = { model, arcLabels, uas };
  }
  if (opts.pruneRare) {
    const { below, minCount } = opts.pruneRare;
    const fired = firingCounts(new Parser(meta, bestArcs!.model, empty, bestArcs!.arcLabels, clusters), trainP, coarseUpos);
    const model = keepFeatures(bestArcs!.model, (i, maxAbs) => maxAbs >= below || fired[i]! >= minCount);
    log(`  rare small-weight features dropped (weight < ${below}, fired < ${minCount} times): ${bestArcs!.model.keys.length} → ${model.keys.length} features`);
    bestArcs = { ...bestArcs!, model };
  }
  const [finalUas, arcLas] = evalUasLas(new Parser(meta, bestArcs!.model, empty, bestArcs!.arcLabels, clusters), devP);
  if (opts.pruneRare) log(`  dev UAS ${(100 * bestArcs!.uas).toFixed(2)} → ${(100 * finalUas).toFixed(2)} without them`);
  bestArcs!.uas = finalUas;

  // --- labels (trained on gold trees, evaluated on predicted trees) ---
  const arcsOnly = new Parser(meta, bestArcs!.model, empty, bestArcs!.arcLabels, clusters);
  const devHeads = devP.map((d) => arcsOnly.parseHeads(d.wh, d.tags, d.clusters).heads);
  const lp = new AveragedPerceptron(L, null, 1 << 16);
  const lfeats = new Uint32Array(MAX_LABEL_FEATURES);
  const lscores = new Float32Array(L);
  const coreBits = labels.map(coreBit);
  let bestLabels: { model: SparseModel; las: number } | null = null;
  for (let ep = 0; ep < labelEpochs; ep++) {
    shuffleInPlace(order, rand);
    for (const si of order) {
      const d = trainP[si]!;
      const heads = Int32Array.from(d.gold, (h) => (h === d.n ? -1 : h));
      const x = labelInput(d, heads);
      const t = treeIndex(heads);
      const last = new Int32Array(d.n + 1).fill(-1);
      const mask = new Int32Array(d.n + 1);
      for (let i = 0; i < d.n; i++) {
        const h = d.gold[i]!;
        const k = labelFeatures(x, t, i, last[h]!, mask[h]!, lfeats);
        lp.score(lfeats, k, lscores);
        const p = argmax(lscores, L);
        const g = d.labels[i]!;
        if (p !== g) lp.update(lfeats, k, g, p);
        lp.tick();
        last[h] = p;
        mask[h]! |= coreBits[p]!;
      }
    }
    const model = lp.toSparse(1e-3, pruneLabels);
    const probe = new Parser(meta, bestArcs!.model, model, bestArcs!.arcLabels, clusters);
    const las = evalLas(probe, devP, devHeads);
    log(`  labels epoch ${ep + 1}/${labelEpochs}: dev LAS ${(100 * las).toFixed(2)}  features ${lp.features}`);
    if (!bestLabels || las > bestLabels.las) bestLabels = { model, las };
  }
  // Output the relations of whichever labeller is better on dev.
  const useLabeller = bestLabels!.las > arcLas;
  meta.labelsFrom = useLabeller ? 'labeller' : 'arcs';
  const devLas = Math.max(arcLas, bestLabels!.las);
  log(`  relations from ${meta.labelsFrom}: dev LAS ${(100 * arcLas).toFixed(2)} (during parsing) vs ${(100 * bestLabels!.las).toFixed(2)} (tree labeller)`);
  meta.info = { trainSentences: train.length, epochs, labelEpochs, seed, explore, exploreFrom, prune, ...(opts.pruneRare ? { pruneRare: opts.pruneRare } : {}), pruneLabels, update, ...(update === 'pa' ? { paC, paMargin } : {}), devUas: bestArcs!.uas, devLas };
  return { parser: new Parser(meta, bestArcs!.model, bestLabels!.model, bestArcs!.arcLabels, clusters), devUas: bestArcs!.uas, devLas };
}

/**
 * Train one parser per seed and average their weights (arcs, both relation classifiers); the
 * relation source is chosen again on dev for the averaged model. One seed = `trainParser`.
 */
export function trainParserSeeds(opts: TrainParserOptions & { seeds: number[] }): TrainedParser {
  const runs = opts.seeds.map((seed) => trainParser({ ...opts, seed }));
  if (runs.length === 1) return runs[0]!;
  const first = runs[0]!.parser;
  const meta: ParserMeta = { ...first.meta, labelsFrom: 'arcs', info: { ...first.meta.info, seeds: opts.seeds } };
  const { prune = 1.0, pruneLabels = 0.3 } = opts;
  const avg = (pick: (p: Parser) => SparseModel, t: number) => averageSparse(runs.map((r) => pick(r.parser)), t);
  const parser = new Parser(meta, avg((p) => p.arcs, prune), avg((p) => p.labeller, pruneLabels), avg((p) => p.arcLabels, pruneLabels), first.clusters);
  const lIndex = new Map(meta.labels.map((l, i) => [l, i]));
  const labelId = (l: string) => lIndex.get(l) ?? lIndex.get(l.split(':')[0]!) ?? lIndex.get('dep')!;
  const devP = opts.dev.map((s) => prepare(s, (u, x) => parser.tagId(u, x), labelId, first.clusters));
  const [uas, arcLas] = evalUasLas(parser, devP);
  const devHeads = devP.map((d) => parser.parseHeads(d.wh, d.tags, d.clusters).heads);
  const labLas = evalLas(parser, devP, devHeads);
  meta.labelsFrom = labLas > arcLas ? 'labeller' : 'arcs';
  const devLas = Math.max(arcLas, labLas);
  meta.info = { ...meta.info, devUas: uas, devLas, labelsFrom: meta.labelsFrom };
  opts.log?.(`parser: average of seeds ${opts.seeds.join(', ')}: dev UAS ${(100 * uas).toFixed(2)} LAS ${(100 * devLas).toFixed(2)} (relations from ${meta.labelsFrom}: ${(100 * arcLas).toFixed(2)} during parsing, ${(100 * labLas).toFixed(2)} tree labeller)`);
  return { parser, devUas: uas, devLas };
}

/** How often each arc feature of `p` fires while `p` parses `data` greedily (index = the feature's position in `p.arcs.keys`). */
function firingCounts(p: Parser, data: readonly Prepared[], coarseUpos: boolean): Uint32Array {
  const keys = p.arcs.keys;
  const index = new Map<number, number>();
  keys.forEach((k, i) => index.set(k, i));
  const count = new Uint32Array(keys.length);
  const feats = new Uint32Array(MAX_PARSER_FEATURES);
  const scores = new Float32Array(N_ACTIONS);
  for (const d of data) {
    const x = parserInput(d.wh, d.tags, p.tagFlags, coarseUpos, d.clusters);
    const st = new ParseState(d.n);
    while (!st.terminal) {
      const k = parserFeatures(x, st, feats);
      for (let j = 0; j < k; j++) {
        const r = index.get(feats[j]! === 0 ? 1 : feats[j]!);
        if (r !== undefined) count[r]!++;
      }
      p.arcs.score(feats, k, scores);
      const dep = st.apply(argmax(scores, N_ACTIONS, (a) => st.valid(a)));
      if (dep >= 0) p.labelArc(x, st, dep);
    }
  }
  return count;
}

function evalUasLas(p: Parser, data: Prepared[]): [number, number] {
  let ok = 0;
  let lok = 0;
  let n = 0;
  for (const d of data) {
    const { heads, arcLabels } = p.parseHeads(d.wh, d.tags, d.clusters);
    for (let i = 0; i < d.n; i++) {
      n++;
      if ((heads[i]! < 0 ? d.n : heads[i]!) === d.gold[i]) {
        ok++;
        if (arcLabels[i] === d.labels[i]) lok++;
      }
    }
  }
  return n ? [ok / n, lok / n] : [0, 0];
}

function evalLas(p: Parser, data: Prepared[], heads: Int32Array[]): number {
  let ok = 0;
  let n = 0;
  data.forEach((d, si) => {
    const h = heads[si]!;
    const labels = p.label(labelInput(d, h));
    for (let i = 0; i < d.n; i++) {
      n++;
      if ((h[i]! < 0 ? d.n : h[i]!) === d.gold[i] && labels[i] === d.labels[i]) ok++;
    }
  });
  return n ? ok / n : 0;
}

/**
 * Write a trained parser to `path`; returns the file size in bytes. The tree labeller is written
 * only when its relations are the ones output (`labelsFrom: 'labeller'`): otherwise the loader
 * never reads it, and it cost every load its reading.
 */
export function saveParser(path: string, p: Parser): number {
  // prebuilt tables: loading then skips inserting the 1.1M arc features (~100 ms of the first document)
  const labeller = p.meta.labelsFrom === 'labeller' ? tableArrays('labels', p.labeller) : {};
  return writeModelFile(path, p.meta, { ...tableArrays('arcs', p.arcs), ...labeller, ...tableArrays('arclabels', p.arcLabels) });
}
