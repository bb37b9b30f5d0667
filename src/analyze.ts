/**
 * @module analyze
 * The library entry point: text in, analysed document out. Pipelines are built once per option
 * set and reused, so models and the knowledge base load once per process.
 */
import { Doc, type DocumentMeta, type Sentence, type Token } from './nlp/doc.ts';
import { createPipeline, type PipelineOptions } from './pipeline/index.ts';
import type { Pipeline, StageContext } from './pipeline/stage.ts';
import { toNative } from './export/native.ts';
import type { NativeDocument } from './export/contract.ts';
import { DossierError } from './errors.ts';
import { contentId } from './ingest/index.ts';

export { contentId };

export interface AnalyzeOptions extends PipelineOptions {
  id?: string;
  title?: string;
  source?: string;
  /** Publication date (ISO 8601); anchors relative dates such as "in recent days". */
  publishedAt?: string;
  language?: string;
  /** Include tokens (pos/head/dep) in the JSON output. */
  tokens?: boolean;
  /** Receives non-fatal warnings from the stages. */
  warn?: (message: string) => void;
}

const pipelines = new Map<string, Pipeline>();

function pipelineFor(opts: PipelineOptions): Pipeline {
  if (opts.kb) return createPipeline(opts);
  const key = JSON.stringify([opts.pretokenized ?? false, opts.nlpOnly ?? false, opts.kbFiles ?? []]);
  let p = pipelines.get(key);
  if (!p) {
    p = createPipeline(opts);
    pipelines.set(key, p);
  }
  return p;
}


/** Validate and normalise a publication date given by a user. */
export function parsePublishedAt(value: string, field = '--published-at'): string {
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(d.getTime())) {
    throw new DossierError('USAGE', `${field}: expected an ISO date such as 2023-10-29, got "${value}"`);
  }
  return value;
}

function metaFor(text: string, opts: AnalyzeOptions): DocumentMeta {
  return {
    id: opts.id ?? contentId(text),
    ...(opts.title !== undefined && { title: opts.title }),
    ...(opts.source !== undefined && { source: opts.source }),
    ...(opts.publishedAt !== undefined && { publishedAt: parsePublishedAt(opts.publishedAt, 'publishedAt') }),
    language: opts.language ?? 'en',
  };
}

function contextFor(opts: AnalyzeOptions): StageContext {
  return { warn: opts.warn ?? (() => {}) };
}

/**
 * Analyse one document and return the `Doc` with every layer filled.
 * @example
 *   const doc = analyzeDoc('Hamas fired rockets at Israel on Monday.', { publishedAt: '2023-10-10' });
 */
export function analyzeDoc(text: string, opts: AnalyzeOptions = {}): Doc {
  if (text.trim() === '') throw new DossierError('INPUT_EMPTY', 'analyze: the document has no text');
  const doc = new Doc(text, metaFor(text, opts));
  return pipelineFor({ ...opts, pretokenized: false }).run(doc, contextFor(opts));
}

/** Analyse already tokenized text (sentences and tokens kept exactly as given). */
export function analyzePretokenized(
  input: { text: string; sentences: Sentence[]; tokens: Token[] },
  opts: AnalyzeOptions = {},
): Doc {
  const doc = new Doc(input.text, metaFor(input.text, opts));
  doc.sentences = input.sentences;
  doc.tokens = input.tokens;
  return pipelineFor({ ...opts, pretokenized: true }).run(doc, contextFor(opts));
}

/**
 * Analyse one document and return it in the native JSON contract (SPEC.md).
 * @example
 *   const json = analyze(text, { publishedAt: '2023-10-29' });
 *   json.events.filter((e) => e.modality !== 'conditional');
 */
export function analyze(text: string, opts: AnalyzeOptions = {}): NativeDocument {
  return toNative(analyzeDoc(text, opts), { tokens: opts.tokens ?? false });
}
