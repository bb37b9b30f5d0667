/**
 * @module store/keys
 * How local (per-document) entities are matched to global entities across documents.
 * An entity with a knowledge-base id merges by that id (`kb:<id>`); otherwise by type plus its
 * normalised FULL name (`name:<TYPE>:<name>`). Nothing ever merges on a partial name, so two
 * people who share a surname ("Ali al-Sistani", "Mohammed al-Sistani") stay two entities.
 */
import { createHash } from 'node:crypto';

/**
 * Normalises a name for matching: case, diacritics, apostrophe/quote/dash variants, "al-" vs
 * "al " vs "Al-", a leading "the", surrounding punctuation and repeated spaces.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u02bf\u02be`´]/g, "'")
    .replace(/[\u201c\u201d"()[\]{}]/g, ' ')
    .replace(/[\u2010-\u2015-]/g, ' ')
    .replace(/[.,;:!?]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

export function kbKey(kbId: string): string {
  return `kb:${kbId}`;
}

export function nameKey(type: string, name: string): string {
  return `name:${type}:${normaliseName(name)}`;
}

/** Key that keeps an entity id resolvable after it was merged away. */
export function idKey(entityId: string): string {
  return `id:${entityId}`;
}

/** Stable global entity id derived from the key that created it. */
export function entityIdFor(seed: string): string {
  return 'ent_' + createHash('sha256').update(seed).digest('hex').slice(0, 16);
}

/** Primary key of a local entity: its kb id when it has one, else type + normalised name. */
export function primaryKey(e: { type: string; name: string; kb?: { id: string } | undefined }): string {
  return e.kb?.id ? kbKey(e.kb.id) : nameKey(e.type, e.name);
}
