/**
 * @module extract/claims/cues
 * Word lists for attribution: reporting verbs (cues), "citing"-type chain links, hedges, and the
 * nouns that make an unnamed source anonymous. Kept apart from the logic so they can be reviewed
 * and extended without reading the algorithm.
 */
import type { Entity } from '../../nlp/doc.ts';

/** Lemmas of verbs that introduce reported content ("X said that …", "as reported by X"). */
export const CUE_VERBS = new Set([
  'say', 'report', 'tell', 'mention', 'state', 'add', 'claim', 'deny', 'announce', 'emphasize',
  'emphasise', 'stress', 'confirm', 'reveal', 'indicate', 'explain', 'note', 'assert', 'insist',
  'affirm', 'disclose', 'write', 'acknowledge', 'argue', 'allege', 'declare', 'inform', 'quote',
  'warn', 'admit', 'point', 'underline', 'reiterate', 'tweet', 'post', 'publish', 'broadcast',
  'disseminate', 'circulate', 'spread', 'believe', 'estimate', 'predict', 'expect',
]);

/** Cue verbs whose reported content is usually their object noun phrase, not a clause. */
export const OBJECT_CONTENT_VERBS = new Set(['disseminate', 'circulate', 'spread', 'publish', 'broadcast', 'post', 'deny', 'announce', 'confirm', 'claim']);

/** Words that link an outlet to the source it relies on: "X reported, citing Y". */
export const CHAIN_LINKS = new Set(['citing', 'quoting']);

/** Heads of noun phrases that designate a source without naming it. */
export const UNNAMED_SOURCE_HEADS = new Set([
  'source', 'official', 'politician', 'diplomat', 'insider', 'witness', 'resident', 'observer',
  'person', 'people', 'activist', 'analyst', 'expert', 'commander', 'leader', 'member', 'aide',
  'figure', 'circle', 'party', 'informant',
]);

/** Pronouns that refer back to the last speaker. */
export const SPEAKER_PRONOUNS = new Set(['they', 'he', 'she', 'it']);

export interface HedgePattern {
  /** Name reported in `claim.hedges` (the canonical phrase). */
  name: string;
  re: RegExp;
  /** Multiplier applied to certainty when present (see certainty.ts). */
  weight: number;
  /** True for hedges that make the content hypothetical rather than only uncertain. */
  conditional?: boolean;
}

// Lower-case "may" only: "May" is usually the month.
export const HEDGES: HedgePattern[] = [
  { name: 'does not appear', re: /\b(?:does|do|did) not appear\b/gi, weight: 0.8 },
  { name: 'it appears', re: /\bit (?:appears|seems)\b/gi, weight: 0.8 },
  { name: 'appears to', re: /\b(?:appears?|seems?) to\b/gi, weight: 0.8 },
  { name: 'could', re: /\bcould\b/gi, weight: 0.7 },
  { name: 'may', re: /\bmay\b/g, weight: 0.7 },
  { name: 'might', re: /\bmight\b/gi, weight: 0.7 },
  { name: 'reportedly', re: /\breportedly\b/gi, weight: 0.8 },
  { name: 'allegedly', re: /\ballegedly\b/gi, weight: 0.75 },
  { name: 'possibly', re: /\bpossib(?:ly|le)\b/gi, weight: 0.75 },
  { name: 'likely', re: /\b(?:un)?likely\b/gi, weight: 0.85 },
  { name: 'apparently', re: /\bapparently\b/gi, weight: 0.8 },
  { name: 'unconfirmed', re: /\bunconfirmed\b/gi, weight: 0.7 },
  { name: 'suggest', re: /\bsuggest(?:s|ed|ing)?\b/gi, weight: 0.85 },
  { name: 'potential', re: /\bpotential\b/gi, weight: 0.9 },
  { name: 'depending on', re: /\bdepending on\b/gi, weight: 0.7, conditional: true },
  { name: 'if', re: /\b(?:if|unless|in the event that)\b/gi, weight: 0.75, conditional: true },
];

/** Sentence openers that mark a change of voice: the sentence does not inherit the previous chain. */
export const VOICE_BREAKS = /^(?:meanwhile|in the meantime|on the other hand|separately|elsewhere)\b/i;

/** Words that make an organisation a media outlet when its name or a mention has them. */
export const OUTLET_WORDS = /\b(?:newspaper|paper|radio|television|tv|channel|agency|outlet|daily|magazine|website|news|times|post|press|journal|broadcaster|network)\b/i;

/** A media outlet: by knowledge-base subtype, or an organisation named like one ("… News Agency"). */
export function isOutlet(e: Entity | undefined): boolean {
  if (!e) return false;
  return e.subtype === 'media_outlet' || (e.type === 'ORGANIZATION' && OUTLET_WORDS.test(e.name + ' ' + e.mentions.map((m) => m.text).join(' ')));
}
