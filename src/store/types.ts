/**
 * @module store/types
 * The `Store` interface — one behaviour for SQLite and PostgreSQL — and the shapes it returns.
 * The unit stored is one analysed document in the native JSON contract (`NativeDocument`);
 * entities are merged across documents into global entities, events are clustered across
 * documents for corroboration, and analyst corrections (merge/split) survive re-analysis.
 */
import type { NativeDocument } from '../export/contract.ts';
import type { EntityType } from '../nlp/doc.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface SaveResult {
  id: string;
  /** False when a document with this id was already stored (identical or replaced). */
  created: boolean;
  /** True when the stored rows were replaced because the content differed (re-analysis). */
  replaced: boolean;
}

export interface SearchOptions {
  /** Maximum number of hits (default 20). */
  limit?: number;
}

export interface SearchHit {
  documentId: string;
  title?: string;
  /** The sentence that matched, as offsets into the document text. */
  sentence: { start: number; end: number };
  /** The sentence text with the matching words in [brackets]. */
  snippet: string;
  /** Higher is better; only comparable within one result list. */
  rank: number;
}

export interface DocumentHit {
  documentId: string;
  title?: string;
  publishedAt?: string;
  /** A passage of the text (or the title) with the matching words in [brackets]. */
  snippet: string;
  /** Higher is better; only comparable within one result list. Title words weigh more. */
  rank: number;
}

export interface EntitySummary {
  id: string;
  type: EntityType;
  subtype?: string;
  name: string;
  kbId?: string;
  mentionCount: number;
  documentCount: number;
}

export interface ListEntitiesOptions {
  type?: EntityType;
  /** Maximum number of entities (default 100), most mentioned first. */
  limit?: number;
}

export interface MentionRef {
  /** Stable row id of the mention (used by `splitEntity({ mentionIds })`). */
  id: number;
  documentId: string;
  start: number;
  end: number;
  text: string;
}

export interface EvidenceSentence {
  documentId: string;
  title?: string;
  start: number;
  end: number;
  text: string;
}

export interface EntityDetail extends EntitySummary {
  wikidata?: string;
  code?: string;
  geo?: { lat: number; lon: number; country?: string; geonamesId?: number };
  anonymous: boolean;
  /** Every distinct name and mention text seen for this entity, most frequent first. */
  aliases: string[];
  documents: Array<{ id: string; title?: string; publishedAt?: string; mentionCount: number }>;
  /** The mentions, by document and offset (at most 1000; `mentionCount` is the full count). */
  mentions: MentionRef[];
  /** Sentences that mention the entity (at most 50). */
  evidence: EvidenceSentence[];
  events: Array<{ id: string; type: string; modality: string; role: 'source' | 'target' | 'location' }>;
  relations: Array<{ id: string; type: string; direction: 'out' | 'in'; other: { id: string; name: string } }>;
}

export interface ActorRef {
  id: string;
  name: string;
  type: EntityType;
}

export interface ClaimDetail {
  id: string;
  documentId: string;
  start: number;
  end: number;
  text: string;
  cue?: string;
  attributedTo: ActorRef[];
  via: ActorRef[];
  anonymous: boolean;
  hedges: string[];
  certainty: number;
}

export interface EventDetail {
  /** Global id: `<documentId>:<local event id>`. */
  id: string;
  documentId: string;
  documentTitle?: string;
  localId: string;
  type: string;
  mode?: string;
  context?: string;
  cameo?: string;
  modality: string;
  /** False for conditional and negated events: they never count as having happened. */
  happened: boolean;
  trigger: { start: number; end: number; text: string };
  sentence?: { start: number; end: number; text: string };
  sources: ActorRef[];
  targets: ActorRef[];
  location?: ActorRef;
  date?: { text: string; start: string; end: string };
  claim?: ClaimDetail;
  clusterId: string;
  /** Other events (in other documents) reported as the same event. */
  corroboratedBy: Array<{ id: string; documentId: string; documentTitle?: string }>;
}

export interface TimelineOptions {
  /** ISO date; events ending before it are left out (undated events too, when set). */
  from?: string;
  /** ISO date; events starting after it are left out (undated events too, when set). */
  to?: string;
  /** Include conditional and negated events (marked `happened: false`). */
  includeUnhappened?: boolean;
  limit?: number;
}

export interface TimelineEntry {
  clusterId: string;
  type: string;
  happened: boolean;
  /** Modality of the best-attested report in the cluster. */
  modality: string;
  date?: { start: string; end: string; text: string };
  /** Number of distinct documents reporting this event. */
  corroboration: number;
  /** Number of distinct claims (or unattributed reports) behind it across those documents. */
  claimCount: number;
  sources: ActorRef[];
  targets: ActorRef[];
  location?: ActorRef;
  reports: Array<{ eventId: string; documentId: string; documentTitle?: string; trigger: string; modality: string; claimId?: string }>;
}

export interface StoreStats {
  dialect: Dialect;
  schemaVersion: number;
  documents: number;
  sentences: number;
  entities: number;
  entitiesByType: Record<string, number>;
  mentions: number;
  events: number;
  eventsByType: Record<string, number>;
  /** Events whose modality is neither conditional nor negated. */
  happenedEvents: number;
  /** Clusters (one per real-world event) of happened events. */
  eventClusters: number;
  /** Clusters reported by two or more documents. */
  corroboratedClusters: number;
  claims: number;
  relations: number;
  corrections: number;
}

export interface SplitOptions {
  /** Move every mention of the entity in this document to a new entity. */
  documentId?: string;
  /** Move these mentions (ids from `getEntity().mentions`) to a new entity. */
  mentionIds?: number[];
}

export interface MergeResult {
  /** The surviving entity. */
  id: string;
  /** The id that was merged away (it keeps resolving to `id`). */
  merged: string;
  mentionsMoved: number;
}

export interface SplitResult {
  /** The entity split from. */
  from: string;
  /** The new entity that received the mentions. */
  id: string;
  mentionsMoved: number;
}

export interface Store {
  readonly dialect: Dialect;
  /** Stores one analysed document; idempotent by document id, atomic on re-analysis. */
  saveDocument(doc: NativeDocument): Promise<SaveResult>;
  hasDocument(id: string): Promise<boolean>;
  /** The document exactly as saved (extra fields kept). */
  getDocument(id: string): Promise<NativeDocument | undefined>;
  listDocuments(opts?: { limit?: number }): Promise<Array<{ id: string; title?: string; publishedAt?: string; source?: string }>>;
  /** Sentences matching a web-search style query ("phrases", OR, -word). */
  search(query: string, opts?: SearchOptions): Promise<SearchHit[]>;
  /** Whole documents (title and text) matching the same query language. */
  searchDocuments(query: string, opts?: SearchOptions): Promise<DocumentHit[]>;
  listEntities(opts?: ListEntitiesOptions): Promise<EntitySummary[]>;
  /** By global id (also ids merged away), else by name; NOT_FOUND or USAGE (ambiguous name). */
  getEntity(idOrName: string): Promise<EntityDetail>;
  /** By global event id `<documentId>:<localId>`; NOT_FOUND otherwise. */
  getEvent(id: string): Promise<EventDetail>;
  timeline(opts?: TimelineOptions): Promise<TimelineEntry[]>;
  stats(): Promise<StoreStats>;
  /** Merges `fromId` into `intoId` (ids or names); recorded, re-applied on re-save. */
  mergeEntities(intoId: string, fromId: string): Promise<MergeResult>;
  /** Moves some mentions of an entity to a new entity; recorded, re-applied on re-save. */
  splitEntity(id: string, opts: SplitOptions): Promise<SplitResult>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** PostgreSQL schema to use (created if missing). Default: `public`, or `?schema=` in the URL. */
  schema?: string;
  /** Validate documents against the native contract before saving (default true). */
  validate?: boolean;
  /** Refuse to create a new SQLite file; fail with NOT_FOUND instead (default false). */
  mustExist?: boolean;
}
