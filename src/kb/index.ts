/**
 * @module kb
 * Knowledge base and gazetteer: the public surface used by entity resolution, the CLI (`--kb`)
 * and the store (cross-document merging by `entityKey`).
 */
export { KnowledgeBase, type LookupOptions, type ScanPhrase } from './knowledge-base.ts';
export { Gazetteer, distanceKm, type Place, type GeoContext, type GeoResolution, type PlaceRow } from './gazetteer.ts';
export { loadKb, loadGazetteer, readExtraFile, KB_FILE, GAZETTEER_FILE, type LoadKbOptions } from './load.ts';
export { entityKey, type KeyableEntity } from './entity-key.ts';
export { normalizeName, foldText, slugify } from './normalize.ts';
export { actorSchema, type KbActor, type Affiliation, type ActorType } from './types.ts';
