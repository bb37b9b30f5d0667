/**
 * @module store/schema
 * Row types of the Dossier database, as Kysely sees them. The same tables exist on SQLite and
 * PostgreSQL (see migrations.ts); only full-text search differs (FTS5 table vs tsvector column).
 * Booleans are stored as 0/1 integers and dates as ISO text so both dialects read the same.
 */
import type { Generated } from 'kysely';

export interface DossierMetaTable {
  key: string;
  value: string;
}

export interface DocumentsTable {
  id: string;
  title: string | null;
  source: string | null;
  published_at: string | null;
  language: string;
  text: string;
  /** The native JSON document exactly as saved. */
  json: string;
  /** sha256 of `json`: a re-save with the same hash is a no-op. */
  hash: string;
  created_at: string;
  updated_at: string;
}

export interface SentencesTable {
  id: Generated<number>;
  document_id: string;
  idx: number;
  span_start: number;
  span_end: number;
  text: string;
}

/** Global entities, merged across documents. */
export interface EntitiesTable {
  id: string;
  type: string;
  subtype: string | null;
  name: string;
  kb_id: string | null;
  wikidata: string | null;
  code: string | null;
  lat: number | null;
  lon: number | null;
  country: string | null;
  geonames_id: number | null;
  anonymous: number;
  created_at: string;
}

/** Merge keys (`kb:…`, `name:TYPE:…`, `id:…`) → global entity. Merges re-point keys. */
export interface EntityKeysTable {
  key: string;
  entity_id: string;
}

/** Which global entity each local entity of a document resolved to. */
export interface DocumentEntitiesTable {
  document_id: string;
  local_id: string;
  entity_id: string;
  name: string;
  type: string;
  key: string;
}

export interface MentionsTable {
  id: Generated<number>;
  document_id: string;
  entity_id: string;
  local_entity_id: string;
  span_start: number;
  span_end: number;
  text: string;
}

export interface EventsTable {
  /** `<documentId>:<localId>` */
  id: string;
  document_id: string;
  local_id: string;
  type: string;
  mode: string | null;
  context: string | null;
  cameo: string | null;
  modality: string;
  happened: number;
  trigger_start: number;
  trigger_end: number;
  trigger_text: string;
  date_text: string | null;
  date_start: string | null;
  date_end: string | null;
  location_id: string | null;
  claim_id: string | null;
  cluster_id: string;
}

export interface EventActorsTable {
  event_id: string;
  entity_id: string;
  role: string;
}

export interface ClaimsTable {
  /** `<documentId>:<localId>` */
  id: string;
  document_id: string;
  local_id: string;
  span_start: number;
  span_end: number;
  cue_start: number | null;
  cue_end: number | null;
  cue_text: string | null;
  anonymous: number;
  hedges: string;
  certainty: number;
}

export interface ClaimSourcesTable {
  claim_id: string;
  entity_id: string;
  /** 'attributed' (who said it) or 'via' (the outlet it came through). */
  role: string;
  position: number;
}

export interface RelationsTable {
  id: string;
  document_id: string;
  local_id: string;
  type: string;
  from_id: string;
  to_id: string;
  evidence_start: number;
  evidence_end: number;
  claim_id: string | null;
}

/** Analyst corrections, kept for audit; their effect lives in entity_keys/entity_overrides. */
export interface CorrectionsTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  created_at: string;
}

/**
 * Per-document overrides written by splits: in `document_id`, a local entity with `key` (and,
 * for mention-level splits, the mention span) resolves to `entity_id` instead of the key's owner.
 */
export interface EntityOverridesTable {
  id: Generated<number>;
  document_id: string;
  key: string;
  span_start: number | null;
  span_end: number | null;
  entity_id: string;
}

export interface DB {
  dossier_meta: DossierMetaTable;
  documents: DocumentsTable;
  sentences: SentencesTable;
  entities: EntitiesTable;
  entity_keys: EntityKeysTable;
  document_entities: DocumentEntitiesTable;
  mentions: MentionsTable;
  events: EventsTable;
  event_actors: EventActorsTable;
  claims: ClaimsTable;
  claim_sources: ClaimSourcesTable;
  relations: RelationsTable;
  corrections: CorrectionsTable;
  entity_overrides: EntityOverridesTable;
}
