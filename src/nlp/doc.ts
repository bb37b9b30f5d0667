/**
 * @module nlp/doc
 * The one document model. A `Doc` owns the text; everything else (sentences, tokens, mentions,
 * entities, events, claims, relations) refers to it by UTF-16 offsets `{start, end}` (end
 * exclusive), so every fact can be shown in the sentence it came from.
 *
 * Stages fill the arrays in order (see `pipeline/stage.ts`); nothing here knows about stages.
 */

/** A half-open range of UTF-16 code units in `Doc.text`. */
export interface Span {
  start: number;
  end: number;
}

/** A span together with the text it covers (what the JSON contract calls a mention/trigger). */
export interface TextSpan extends Span {
  text: string;
}

export interface DocumentMeta {
  /** Content-hash id (`doc_` + hex) unless the input supplied one. */
  id: string;
  title?: string;
  /** Where the document came from: URL or file path. */
  source?: string;
  /** ISO 8601 date or date-time; anchors relative dates. */
  publishedAt?: string;
  language: string;
}

export interface Sentence extends Span {
  /** Index of the first token of the sentence in `Doc.tokens`. */
  firstToken: number;
  /** Index one past the last token. */
  endToken: number;
}

export interface Token extends Span {
  text: string;
  /** Index of the sentence that holds the token. */
  sentence: number;
  /** UD UPOS tag; '' until a tagger ran. */
  pos: string;
  /** Penn Treebank tag; '' until a tagger ran. */
  xpos: string;
  lemma: string;
  /** Index in `Doc.tokens` of the syntactic head, -1 for a root (or before parsing). */
  head: number;
  /** UD relation; '' before parsing. */
  dep: string;
}

/** What the named-entity recogniser (or a gazetteer/rule) found, before resolution. */
export type MentionLabel = 'PER' | 'ORG' | 'LOC' | 'NORP' | 'ROLE' | 'SOURCE' | 'MISC';

export interface Mention extends Span {
  label: MentionLabel;
  /** Which component proposed it. */
  origin: 'ner' | 'kb' | 'rule';
  /** Confidence in [0,1] where the component can say. */
  score?: number;
  /** Id of the entity this mention was resolved to (set by entity resolution). */
  entity?: string;
}

export type EntityType = 'PERSON' | 'ORGANIZATION' | 'LOCATION' | 'ROLE' | 'SOURCE';

export interface KbRef {
  id: string;
  wikidata?: string;
  /** CAMEO-style country+sector code, e.g. IRNMIL. */
  code?: string;
}

export interface GeoRef {
  lat: number;
  lon: number;
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  geonamesId?: number;
  /** How sure the geocoder is, in [0,1]. */
  confidence?: number;
}

export interface Entity {
  id: string;
  type: EntityType;
  /** Finer type: country, city, armed_group, political_party, alliance, media_outlet, … */
  subtype?: string;
  name: string;
  kb?: KbRef;
  geo?: GeoRef;
  /** Anonymous source ("informed Iraqi sources"). */
  anonymous?: boolean;
  /**
   * Office held, set by entity resolution for a PERSON named beside a title or a ROLE:
   * `title` as written ("Deputy Commander"), `of` the entity id of the organisation/place.
   */
  role?: { title: string; of?: string };
  /**
   * Entity ids of the countries/regions an unnamed set of people, a group or an anonymous source
   * is identified by, set by entity resolution: "Iraqi politicians" (SOURCE, subtype people) ->
   * [Iraq]; "armed Iraqi factions" -> [Iraq] when Iraq is an entity of the document. Optional
   * (added for the KB and entity-resolution stage).
   */
  nationality?: string[];
  mentions: TextSpan[];
}

/** A resolved time expression: `start`/`end` are ISO dates (inclusive range; equal for a day). */
export interface TimeExpression extends Span {
  text: string;
  value: { start: string; end: string };
}

export type Modality = 'asserted' | 'reported' | 'planned' | 'requested' | 'conditional' | 'negated';

export const EVENT_TYPES = [
  'AGREE', 'CONSULT', 'SUPPORT', 'COOPERATE', 'AID', 'CONCEDE', 'RETREAT', 'REQUEST', 'ACCUSE',
  'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT', 'MOVE',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface DocEvent {
  id: string;
  type: EventType;
  mode?: string;
  context?: string;
  cameo?: string;
  modality: Modality;
  trigger: TextSpan;
  sources: string[];
  targets: string[];
  location?: string;
  date?: { text: string; start: string; end: string; span?: Span };
  claim?: string;
}

export interface Claim extends Span {
  id: string;
  cue?: TextSpan;
  attributedTo: string[];
  via: string[];
  anonymous: boolean;
  hedges: string[];
  certainty: number;
  /** True when the content is a direct quotation. */
  quote?: boolean;
}

export interface Relation {
  id: string;
  type: string;
  from: string;
  to: string;
  evidence: Span;
  claim?: string;
}

/**
 * The document and everything found in it. Arrays start empty; stages assign them.
 * @example
 *   const doc = new Doc('Hamas fired rockets.', { id: 'd1', language: 'en' });
 *   doc.slice({ start: 0, end: 5 }) // 'Hamas'
 */
export class Doc {
  readonly text: string;
  readonly meta: DocumentMeta;
  sentences: Sentence[] = [];
  tokens: Token[] = [];
  mentions: Mention[] = [];
  entities: Entity[] = [];
  times: TimeExpression[] = [];
  events: DocEvent[] = [];
  claims: Claim[] = [];
  relations: Relation[] = [];

  constructor(text: string, meta: DocumentMeta) {
    this.text = text;
    this.meta = meta;
  }

  /** The text a span covers. */
  slice(span: Span): string {
    return this.text.slice(span.start, span.end);
  }

  /** A span with its text, as the JSON contract wants it. */
  textSpan(span: Span): TextSpan {
    return { start: span.start, end: span.end, text: this.text.slice(span.start, span.end) };
  }

  /** Index of the sentence containing `offset`, or -1. Binary search: sentences are sorted. */
  sentenceAt(offset: number): number {
    let lo = 0;
    let hi = this.sentences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.sentences[mid]!;
      if (offset < s.start) hi = mid - 1;
      else if (offset >= s.end) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  /** Indices [first, end) of the tokens that overlap `span`. */
  tokenRange(span: Span): [number, number] {
    let first = -1;
    let end = -1;
    for (let i = 0; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      if (t.end <= span.start) continue;
      if (t.start >= span.end) break;
      if (first < 0) first = i;
      end = i + 1;
    }
    return first < 0 ? [0, 0] : [first, end];
  }

  /** The tokens of sentence `i`. */
  sentenceTokens(i: number): Token[] {
    const s = this.sentences[i];
    return s ? this.tokens.slice(s.firstToken, s.endToken) : [];
  }
}

/** Make a token with the annotation fields empty (for tokenizers and pretokenized input). */
export function newToken(start: number, end: number, text: string, sentence: number): Token {
  return { start, end, text, sentence, pos: '', xpos: '', lemma: '', head: -1, dep: '' };
}
