/**
 * @module store/keys
 * How local (per-document) entities are matched to global entities across documents.
 * An entity with a knowledge-base id merges by that id (`kb:<id>`); otherwise by type plus its
 * normalised FULL name (`name:<TYPE>:<name>`). Nothing ever merges on a partial name, so two
 * people who share a surname ("Ali al-Sistani", "Mohammed al-Sistani") stay two entities.
 * Anonymous sources never merge across documents.
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

export interface KeyedEntity {
  type: string;
  name: string;
  kb?: { id: string } | undefined;
  anonymous?: boolean | undefined;
}

/**
 * True for anonymous sources ("informed sources", "a senior official"): their description is
 * generic, so the same words in two reports are not the same source.
 */
export function isAnonymousSource(e: KeyedEntity): boolean {
  return !e.kb?.id && (e.type === 'SOURCE' || e.anonymous === true);
}

/**
 * Primary key of a local entity: its kb id when it has one; for an anonymous source, the
 * document plus its description (it never merges across documents); else type + normalised name.
 */
export function primaryKey(e: KeyedEntity, documentId: string): string {
  if (e.kb?.id) return kbKey(e.kb.id);
  if (isAnonymousSource(e)) return `anon:${documentId}:${e.type}:${normaliseName(e.name)}`;
  return nameKey(e.type, e.name);
}
