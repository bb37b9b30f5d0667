/**
 * @module pipeline/stage
 * A stage is a value: `{ name, requires, assigns, run(doc, ctx) }`. `buildPipeline` checks, when
 * the pipeline is assembled, that every stage's requirements are assigned by an earlier stage (or
 * provided by the input, e.g. pretokenized text) and fails with a message naming the stage.
 */
import type { Doc } from '../nlp/doc.ts';
import { DossierError } from '../errors.ts';

/** The annotation layers a stage can require or assign. */
export type Attr =
  | 'sentences'
  | 'tokens'
  | 'pos'
  | 'lemma'
  | 'deps'
  | 'mentions'
  | 'times'
  | 'entities'
  | 'claims'
  | 'events'
  | 'relations';

/** Per-run context handed to every stage. Resources (models, KB) are captured by stage factories. */
export interface StageContext {
  /** Collects non-fatal warnings (shown by the CLI, never thrown). */
  warn(message: string): void;
}

export interface Stage {
  readonly name: string;
  readonly requires: readonly Attr[];
  readonly assigns: readonly Attr[];
  run(doc: Doc, ctx: StageContext): void;
}

export interface Pipeline {
  readonly stages: readonly Stage[];
  run(doc: Doc, ctx?: StageContext): Doc;
}

export interface BuildOptions {
  /** Layers the input document already has (e.g. `['sentences','tokens']` for pretokenized text). */
  provided?: readonly Attr[];
}

/**
 * Assemble stages in the given order, checking that each stage's requirements are met.
 * @throws DossierError `PIPELINE_ORDER` naming the stage and the missing layer.
 */
export function buildPipeline(stages: readonly Stage[], { provided = [] }: BuildOptions = {}): Pipeline {
  const have = new Set<Attr>(provided);
  const names = new Set<string>();
  for (const stage of stages) {
    if (names.has(stage.name)) {
      throw new DossierError('PIPELINE_ORDER', `buildPipeline: stage "${stage.name}" appears twice`);
    }
    names.add(stage.name);
    const missing = stage.requires.filter((a) => !have.has(a));
    if (missing.length > 0) {
      throw new DossierError(
        'PIPELINE_ORDER',
        `buildPipeline: stage "${stage.name}" requires ${missing.map((m) => `"${m}"`).join(', ')}, which no earlier stage assigns`,
      );
    }
    for (const a of stage.assigns) have.add(a);
  }
  const frozen = Object.freeze([...stages]);
  return {
    stages: frozen,
    run(doc: Doc, ctx: StageContext = { warn: () => {} }): Doc {
      for (const stage of frozen) stage.run(doc, ctx);
      return doc;
    },
  };
}
