/**
 * @module store
 * Dossier's storage: `openStore(url)` gives a `Store` over SQLite (default, one file) or
 * PostgreSQL (teams), with the same behaviour. See docs/store.md.
 */
export { openStore, parseStoreUrl, DEFAULT_DB } from './open.ts';
export type { StoreLocation } from './open.ts';
export { SCHEMA_VERSION } from './migrations.ts';
export { normaliseName } from './keys.ts';
export { sameEvent, clusterEvents, compatibleDate, compatiblePlace } from './corroborate.ts';
export type { ClusterCandidate, PlaceInfo } from './corroborate.ts';
export type * from './types.ts';
