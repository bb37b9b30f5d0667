/**
 * @module extract/entities/types
 * The working records of entity resolution: a candidate mention (token range + what it may
 * refer to) before candidates are merged into `Entity` values.
 */
import type { Mention, MentionLabel } from '../../nlp/doc.ts';
import type { KbActor } from '../../kb/types.ts';
import type { Place } from '../../kb/gazetteer.ts';

export type CandKind =
  | 'name' // a proper name (NER, KB or gazetteer match)
  | 'role' // an unnamed office holder: "the Iranian Ambassador in Baghdad"
  | 'source' // an anonymous source introduced: "informed Iraqi sources"
  | 'group' // a collective introduced: "armed Iraqi factions allied with Iran"
  | 'demonym' // a nationality word acting: "the Iranians", "Iranian officials"
  | 'people' // an unnamed set of people named by nationality: "Iraqi politicians"
  | 'anaphor'; // a definite description pointing back: "the same sources", "the newspaper"

/** What an anaphor looks for. */
export type AnaphorTarget = 'source' | 'group' | 'people' | 'newspaper' | 'broadcaster' | 'agency' | 'outlet' | 'alliance' | 'armed_group' | 'government';

export interface Cand {
  /** Token range [t0, t1). */
  t0: number;
  t1: number;
  start: number;
  end: number;
  kind: CandKind;
  label: MentionLabel;
  origin: Mention['origin'];
  /** The NER mention this candidate came from (to set `entity` on it). */
  mention?: Mention;
  actor?: KbActor;
  place?: Place;
  placeConfidence?: number;
  anaphor?: AnaphorTarget;
  /** Group/source compatibility: nationality (ISO3 of demonyms) and alignment (actor ids). */
  nationality?: string[];
  aligned?: string[];
  plural?: boolean;
  /** Head noun of a group phrase ("factions"). */
  head?: string;
  /** Role title ("Deputy Commander") and the candidate it is "of". */
  role?: { title: string; of?: Cand };
  /** For a PERSON named in apposition to a title. */
  personRole?: { title: string; of?: Cand };
  /** Display name for created entities (role/source/group). */
  display?: string;
  /** A name read as a modifier of a larger phrase ("a senior US official"): not a mention of its own. */
  absorbed?: boolean;
  /** An anaphor that is dropped (not turned into a new entity) when nothing precedes it. */
  optional?: boolean;
  /** Subtype for an entity not linked to the KB (a government body found by rule: 'government'). */
  subtype?: string;
  /** Merge key replacing type + normalised name ("gov:IRQ:foreign:ministry"). */
  mergeKey?: string;
  /** Nationality words inside the phrase, as their own candidates ("Iraqi" in "Iraqi politicians"). */
  nationals?: Cand[];
  /** Set during assembly. */
  entity?: string;
}
