/**
 * @module nlp/ner
 * Named-entity recognition: PER, ORG and LOC mentions from tokens, with a BILOU averaged
 * perceptron and constrained Viterbi (see nlp/ner/*). The model files (models/ner/ner.bin,
 * gazetteer.tsv, casing.tsv) are loaded lazily, once per folder, on first use.
 *
 * @example
 *   const pipeline = buildPipeline([tokenizer(), ner()]);
 *   recognize(['Nouri', 'al', '-', 'Maliki', 'visited', 'Damascus', '.'])
 *   // [{ start: 0, end: 4, label: 'PER' }, { start: 5, end: 6, label: 'LOC' }]
 *
 * Tokens should follow UD English conventions as `tokenizer()` produces them (hyphens split:
 * "al - Maliki"); all training data is tokenized that way.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Doc, Mention } from './doc.ts';
import type { Stage } from '../pipeline/stage.ts';
import { DossierError } from '../errors.ts';
import { extractFeatures, FEATURES_VERSION, nerWordCache, type FeatureContext } from './ner/features.ts';
import { Gazetteer, type GazCategory } from './ner/gazetteer.ts';
import { NerModel, N_LABELS, labelsToSpans, marginals, viterbi, type TokenSpan } from './ner/model.ts';

// Divides perceptron scores before forward-backward so confidences are spread out; 16 gave the
// lowest Brier score of predicted spans on UNER dev (8/16/32/64 tried).
const SCORE_TEMPERATURE = 16;

/** Where the committed model lives. */
export const DEFAULT_NER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'models', 'ner');

export interface NerOptions {
  /** Folder holding ner.bin, gazetteer.tsv and casing.tsv (default: models/ner). */
  modelDir?: string;
  /**
   * More names for the gazetteer features, e.g. the knowledge base's actors (the pipeline passes
   * them): a name the model has never seen but the knowledge base lists as an organisation then
   * looks like one. Features only: the model still decides.
   */
  names?: Iterable<readonly [string, GazCategory]>;
}

/** A token span with a confidence in [0,1] (mean per-token label probability). */
export interface ScoredSpan extends TokenSpan {
  score: number;
}

/** A loaded recogniser: model plus the resources its features need. */
export class Recognizer {
  readonly model: NerModel;
  readonly features: FeatureContext;

  constructor(model: NerModel, features: FeatureContext) {
    this.model = model;
    this.features = features;
  }

  /** Mentions in one sentence's tokens, as token index ranges. */
  recognize(tokens: readonly string[]): ScoredSpan[] {
    const n = tokens.length;
    if (n === 0) return [];
    const feats = extractFeatures(tokens, this.features);
    const em = this.model.emissions(feats, n);
    const labels = viterbi(em, n, this.model.trans);
    const spans = labelsToSpans(labels);
    if (spans.length === 0) return [];
    const post = marginals(em, n, this.model.trans, SCORE_TEMPERATURE);
    return spans.map((s) => ({ ...s, score: spanScore(post, labels, s) }));
  }

  /** Load from a folder. @throws DossierError MODEL_MISSING naming the missing or bad file. */
  static load(dir: string): Recognizer {
    const file = (name: string): string => {
      const p = join(dir, name);
      if (!existsSync(p)) {
        throw new DossierError('MODEL_MISSING', `NER model file "${p}" is missing; run \`npm run train\` (or scripts/train-ner.ts) to build it`, { input: p });
      }
      return p;
    };
    const model = NerModel.parse(readFileSync(file('ner.bin')), join(dir, 'ner.bin'));
    if (model.header.featuresVersion !== FEATURES_VERSION) {
      throw new DossierError('MODEL_MISSING', `NER model "${join(dir, 'ner.bin')}" was trained with feature set ${model.header.featuresVersion}, this code needs ${FEATURES_VERSION}; retrain it`, { input: join(dir, 'ner.bin') });
    }
    const gazetteer = Gazetteer.parse(readFileSync(file('gazetteer.tsv'), 'utf8'));
    const casing = parseCasing(readFileSync(file('casing.tsv'), 'utf8'));
    return new Recognizer(model, { gazetteer, casing, words: nerWordCache(casing) });
  }
}

/** Mean posterior probability of the decoded labels over the span's tokens. */
function spanScore(post: Float64Array, labels: Uint8Array, s: TokenSpan): number {
  let sum = 0;
  for (let i = s.start; i < s.end; i++) sum += post[i * N_LABELS + labels[i]!]!;
  return Math.round((sum / (s.end - s.start)) * 1000) / 1000;
}

/** casing.tsv: `word<TAB>bucket` lines, `#` comments. */
export function parseCasing(tsv: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of tsv.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const tab = line.lastIndexOf('\t');
    if (tab > 0) m.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  return m;
}

const loaded = new Map<string, Recognizer>();

/** The recogniser for a folder, loaded on first call and cached. */
export function loadRecognizer(dir: string = DEFAULT_NER_DIR): Recognizer {
  const key = resolve(dir);
  let r = loaded.get(key);
  if (!r) {
    r = Recognizer.load(key);
    loaded.set(key, r);
  }
  return r;
}

/** The recogniser of `dir` with `names` added to its gazetteer (same model weights). */
export function withNames(base: Recognizer, names: Iterable<readonly [string, GazCategory]>): Recognizer {
  return new Recognizer(base.model, { gazetteer: base.features.gazetteer.extend(names), casing: base.features.casing, words: nerWordCache(base.features.casing) });
}

/** Pure function over one sentence's tokens with the committed model: token index spans. */
export function recognize(tokens: string[]): Array<{ start: number; end: number; label: string }> {
  return loadRecognizer().recognize(tokens).map(({ start, end, label }) => ({ start, end, label }));
}

/**
 * Pipeline stage: appends `{start, end, label, origin: 'ner', score}` mentions (character
 * offsets from the tokens) to `doc.mentions`, sentence by sentence.
 */
export function ner(opts: NerOptions = {}): Stage {
  const dir = opts.modelDir ?? DEFAULT_NER_DIR;
  let extended: Recognizer | null = null;
  return {
    name: 'ner',
    requires: ['sentences', 'tokens'],
    assigns: ['mentions'],
    run(doc: Doc): void {
      const rec = opts.names ? (extended ??= withNames(loadRecognizer(dir), opts.names)) : loadRecognizer(dir);
      for (const sent of doc.sentences) {
        const toks = doc.tokens.slice(sent.firstToken, sent.endToken);
        for (const s of rec.recognize(toks.map((t) => t.text))) {
          const mention: Mention = {
            start: toks[s.start]!.start,
            end: toks[s.end - 1]!.end,
            label: s.label,
            origin: 'ner',
            score: s.score,
          };
          doc.mentions.push(mention);
        }
      }
    },
  };
}
