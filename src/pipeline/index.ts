/**
 * @module pipeline
 * The one place where Dossier's pipeline is assembled, in order. Each stage is a value created by
 * its factory; `buildPipeline` checks the order (requires/assigns) when the pipeline is built.
 *
 *   tokenizer → tagger → parser → ner → times → entities → claims → events → relations
 */
import { buildPipeline, type Attr, type Pipeline, type Stage } from './stage.ts';
import { tokenizer } from '../nlp/tokenizer.ts';
import { tagger } from '../nlp/tagger.ts';
import { parser } from '../nlp/parser.ts';
import { ner } from '../nlp/ner.ts';
import { timeTagger } from '../extract/times.ts';
import { entityResolver } from '../extract/entities.ts';
import { claimDetector } from '../extract/claims.ts';
import { eventExtractor } from '../extract/events.ts';
import { relationExtractor } from '../extract/relations.ts';
import { loadKb, type KnowledgeBase } from '../kb/index.ts';
import { kbGazetteerNames } from './kb-names.ts';

export interface PipelineOptions {
  /** Input already split into sentences and tokens (`--pretokenized`): skip the tokenizer. */
  pretokenized?: boolean;
  /** Stop after the language analysis (tokens, POS, parse, NER): used by benchmarks and eval. */
  nlpOnly?: boolean;
  /** Extra knowledge-base files (YAML/JSON) that extend the shipped KB. */
  kbFiles?: string[];
  /** A knowledge base already loaded (takes precedence over `kbFiles`). */
  kb?: KnowledgeBase;
}

/** The stages, in order, for the given options. */
export function defaultStages({ pretokenized = false, nlpOnly = false, kbFiles = [], kb }: PipelineOptions = {}): Stage[] {
  const stages: Stage[] = [];
  if (!pretokenized) stages.push(tokenizer());
  if (nlpOnly) {
    // language analysis only: the NER model with its trained gazetteer, no knowledge base
    stages.push(tagger(), parser(), ner());
    return stages;
  }
  const knowledge = kb ?? loadKb({ extra: kbFiles });
  // the knowledge base's actor names feed the NER's gazetteer features
  stages.push(tagger(), parser(), ner({ names: kbGazetteerNames(knowledge) }));
  stages.push(timeTagger(), entityResolver({ kb: knowledge }), claimDetector(), eventExtractor(), relationExtractor());
  return stages;
}

/** Build the full Dossier pipeline. Throws `PIPELINE_ORDER` if the stages cannot run in this order. */
export function createPipeline(opts: PipelineOptions = {}): Pipeline {
  const provided: Attr[] = opts.pretokenized ? ['sentences', 'tokens'] : [];
  return buildPipeline(defaultStages(opts), { provided });
}
