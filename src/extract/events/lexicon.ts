/**
 * @module extract/events/lexicon
 * Loads the generated trigger lexicon (data/lexicon/triggers.json) and answers "is this token a
 * trigger, and of what?" Loaded once per process and shared (it is read-only).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DossierError } from '../../errors.ts';
import type { LexEntry, Lexicon, LexPattern } from './lexicon-data.ts';

export const DEFAULT_LEXICON_PATH = fileURLToPath(new URL('../../../data/lexicon/triggers.json', import.meta.url));

export interface TriggerLexicon {
  verb(lemma: string): LexEntry | undefined;
  noun(lemma: string): LexEntry | undefined;
  /** Patterns for a trigger lemma, most specific (most words) first. */
  patterns(lemma: string): LexPattern[];
  /** Lemma of an irregular form ("met" → "meet"), else undefined. */
  formLemma(form: string): string | undefined;
}

const cache = new Map<string, TriggerLexicon>();

/** Load (and cache) a lexicon file. @throws DossierError MODEL_MISSING when absent or corrupt. */
export function loadLexicon(path: string = DEFAULT_LEXICON_PATH): TriggerLexicon {
  const hit = cache.get(path);
  if (hit) return hit;
  let raw: Lexicon;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as Lexicon;
  } catch (e) {
    throw new DossierError('MODEL_MISSING', `events: cannot read the trigger lexicon ${path}; expected the JSON written by scripts/build-lexicon.ts`, { input: path, cause: e });
  }
  if (!raw || typeof raw.verbs !== 'object' || typeof raw.nouns !== 'object' || !Array.isArray(raw.patterns)) {
    throw new DossierError('MODEL_MISSING', `events: trigger lexicon ${path} lacks verbs/nouns/patterns; rebuild it with scripts/build-lexicon.ts`, { input: path });
  }
  const byVerb = new Map<string, LexPattern[]>();
  for (const p of raw.patterns) {
    const list = byVerb.get(p.verb) ?? [];
    list.push(p);
    byVerb.set(p.verb, list);
  }
  for (const list of byVerb.values()) list.sort((a, b) => b.words.length - a.words.length);
  const lex: TriggerLexicon = {
    verb: (l) => (Object.hasOwn(raw.verbs, l) ? raw.verbs[l] : undefined),
    noun: (l) => (Object.hasOwn(raw.nouns, l) ? raw.nouns[l] : undefined),
    patterns: (l) => byVerb.get(l) ?? [],
    formLemma: (f) => (Object.hasOwn(raw.forms, f) ? raw.forms[f] : undefined),
  };
  cache.set(path, lex);
  return lex;
}
