/**
 * @module kb/entity-key
 * The key two entities from different documents must share to be merged: the KB id when linked,
 * else the type plus the normalised full name. A PERSON is never keyed by a lone surname: a
 * one-word person name gets a key that cannot collide with another document's full name.
 */
import { normalizeName } from './normalize.ts';

export interface KeyableEntity {
  type: string;
  name: string;
  kb?: { id: string } | undefined;
}

/**
 * @example entityKey({ type: 'PERSON', name: 'Nouri al-Maliki' }) // 'PERSON:nouri maliki'
 * @example entityKey({ type: 'ORGANIZATION', name: 'x', kb: { id: 'hamas' } }) // 'kb:hamas'
 */
export function entityKey(e: KeyableEntity): string {
  if (e.kb?.id) return `kb:${e.kb.id}`;
  const name = normalizeName(e.name);
  if (e.type === 'PERSON' && !name.includes(' ')) return `PERSON?:${name}`; // surname only: keep apart
  return `${e.type}:${name}`;
}
