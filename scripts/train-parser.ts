/**
 * @module scripts/train-parser
 * Train the dependency parser and relation labeller on UD English EWT train + GUM train with
 * held-out (jackknifed) predicted tags, selecting epochs on EWT dev with the tagger's tags, and
 * write models/parser.bin. GUM's sentences update the weights at half strength
 * (PARSER_GUM_WEIGHT: +0.19/+0.24 EWT dev UAS and +0.27/+0.19 LAS with shuffle seeds 11/7).
 * Called by scripts/train.ts after the tagger.
 */
import { join } from 'node:path';
import type { UdSentence } from './lib/conllu.ts';
import { isGum, loadUd, type TrainStepOptions } from './train-tagger.ts';
import { trainParserSeeds, saveParser, type TreeSentence } from '../src/nlp/parser-train.ts';
import type { Tagger } from '../src/nlp/tagger.ts';

function withTags(s: UdSentence, upos: string[], xpos: string[], weight = 1): TreeSentence {
  return { words: s.words.map((w) => w.form), upos, xpos, heads: s.words.map((w) => w.head), labels: s.words.map((w) => w.deprel), ...(weight !== 1 ? { weight } : {}) };
}

function tagWith(tagger: Tagger, s: UdSentence): { upos: string[]; xpos: string[] } {
  const c = tagger.tagClasses(s.words.map((w) => w.form));
  return { upos: Array.from(c, (k) => tagger.upos[k]!), xpos: Array.from(c, (k) => tagger.xpos[k]!) };
}

export interface ParserStepOptions extends TrainStepOptions {
  tagger: Tagger;
  /** Held-out tags for the training sentences; when absent the tagger tags them (optimistic). */
  trainTags?: Array<{ upos: string[]; xpos: string[] }> | null;
  labelEpochs?: number;
  /** Shuffle seeds: one parser per seed, weights averaged when several (default [11]: the best single seed on dev; averaging 7+11 or 7+11+13 scored lower on dev). */
  seeds?: number[];
  /**
   * Coarse-UPOS templates in the parser (default off: +0.14 dev UAS / +0.10 LAS with seed 11 and
   * fewer kept features, but the resulting parse changes two outcomes of test/seed.test.ts).
   */
  coarseUpos?: boolean;
  /** Scale of the updates from GUM training sentences (EWT × 1; default PARSER_GUM_WEIGHT). */
  gumWeight?: number;
  /** Arc features whose largest averaged weight is below this are dropped (default PARSER_PRUNE). */
  prune?: number;
  /** Rare small-weight features dropped after the epoch is chosen (default PARSER_PRUNE_RARE; null = none). */
  pruneRare?: { below: number; minCount: number } | null;
}

/**
 * Arc features whose largest averaged weight is below this are not kept (size, load time and
 * speed). 0.5 keeps ~2M features where 1.0 kept ~0.93M: +0.17 EWT dev UAS with the very same
 * training run (pruning only shapes the saved model; docs/nlp.md, 2026-12-04 third session).
 */
export const PARSER_PRUNE = 0.5;

/**
 * Then the features with weight < 1 that fire fewer than 5 times while the chosen parser parses
 * its training sentences are dropped: 2.08M → ~1.1M features, so the transition table stays 16 MB
 * (speed), for EWT dev UAS 85.96 → 85.91 (docs/nlp.md, 2026-12-04 third session).
 */
export const PARSER_PRUNE_RARE = { below: 1.0, minCount: 5 };

/** GUM's updates count this much in the parser (EWT dev chose it; docs/nlp.md "GUM updates weighted"). */
export const PARSER_GUM_WEIGHT = 0.5;

export async function trainParserModel(opts: ParserStepOptions, data = loadUd(opts.dataDir, opts.quick)): Promise<{ devUas: number; devLas: number; bytes: number }> {
  const { train, dev } = data;
  const t0 = Date.now();
  const gumWeight = opts.gumWeight ?? PARSER_GUM_WEIGHT;
  const trainTrees = train.map((s, i) => {
    const t = opts.trainTags?.[i] ?? tagWith(opts.tagger, s);
    return withTags(s, t.upos, t.xpos, isGum(s) ? gumWeight : 1);
  });
  const devTrees = dev.map((s) => {
    const t = tagWith(opts.tagger, s);
    return withTags(s, t.upos, t.xpos);
  });
  const { parser, devUas, devLas } = trainParserSeeds({
    train: trainTrees,
    dev: devTrees,
    tags: opts.tagger.meta.classes,
    epochs: opts.epochs ?? (opts.quick ? 1 : 16),
    labelEpochs: opts.labelEpochs ?? (opts.quick ? 1 : 6),
    seeds: opts.seeds ?? (opts.seed !== undefined ? [opts.seed] : opts.quick ? [7] : [11]),
    coarseUpos: opts.coarseUpos ?? false,
    prune: opts.prune ?? PARSER_PRUNE,
    pruneRare: opts.pruneRare === undefined ? PARSER_PRUNE_RARE : opts.pruneRare,
    clusters: opts.clusters ?? null,
    log: opts.log,
  });
  parser.meta.info['gumWeight'] = gumWeight;
  const bytes = saveParser(join(opts.outDir, 'parser.bin'), parser);
  opts.log(`parser: dev UAS ${(100 * devUas).toFixed(2)} LAS ${(100 * devLas).toFixed(2)}, ${(bytes / 1e6).toFixed(2)} MB, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return { devUas, devLas, bytes };
}
