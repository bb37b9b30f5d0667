/**
 * @module nlp/tokenizer-lexicon
 * Word lists the rule-based tokenizer consults: abbreviations that keep their period, the few
 * that usually end a sentence, and the hyphen prefixes UD English keeps attached ("non-", "co-").
 * The prefix list reflects what UD EWT/GUM train do (hyphens are otherwise split off).
 */

/** Lower-cased abbreviations (without the final period) whose period is part of the token. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  // titles and ranks
  'mr', 'mrs', 'ms', 'messrs', 'dr', 'drs', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'cpl', 'pvt',
  'adm', 'cmdr', 'cdr', 'brig', 'gov', 'sen', 'sens', 'rep', 'reps', 'rev', 'hon', 'pres', 'supt', 'insp', 'amb',
  'st', 'jr', 'sr', 'mt', 'ft', 'fr', 'sec', 'atty', 'gens', 'lieut', 'esq', 'mme', 'mlle',
  // organisations
  'inc', 'corp', 'co', 'ltd', 'bros', 'assn', 'dept', 'univ', 'plc', 'llc', 'cos',
  // months and days
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  // others
  'etc', 'vs', 'v', 'no', 'nos', 'vol', 'vols', 'fig', 'figs', 'approx', 'est', 'al', 'ave', 'blvd', 'rd',
  'p', 'pp', 'ca', 'cf', 'ed', 'eds', 'min', 'max', 'misc', 'op', 'viz', 'ph.d', 'e.g', 'i.e', 'a.m', 'p.m',
  'u.s', 'u.k', 'u.n', 'e.u', 'd.c', 'n.y', 'l.a', 'calif', 'mass', 'wash', 'conn', 'penn', 'ariz', 'colo',
  'fla', 'ga', 'ill', 'ind', 'kan', 'ky', 'la', 'md', 'mich', 'minn', 'miss', 'mo', 'neb', 'nev', 'okla',
  'ore', 'pa', 'tenn', 'tex', 'va', 'wis', 'wyo', 'ala', 'ark', 'del',
]);

/** Abbreviations that are one only before a number ("No. 5", "Nos. 3 and 4"); elsewhere "no." is the word and a period. */
export const NUMBER_ABBREVIATIONS: ReadonlySet<string> = new Set(['no', 'nos']);

/**
 * Abbreviations spelt like an ordinary lower-case word ("ill", "mass", "wash", "sun"): an
 * abbreviation only when capitalised ("Ill.", "Sun."), as US states and days of the week are.
 */
export const CAPITALISED_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'calif', 'mass', 'wash', 'conn', 'penn', 'ariz', 'colo', 'fla', 'ga', 'ill', 'ind', 'kan', 'ky', 'la', 'md', 'mich',
  'minn', 'miss', 'mo', 'neb', 'nev', 'okla', 'ore', 'pa', 'tenn', 'tex', 'va', 'wis', 'wyo', 'ala', 'ark', 'del',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
]);

/** Closing quotes and brackets: they stay with the sentence they close. */
export const CLOSING: ReadonlySet<string> = new Set(['"', '”', '’', "'", ')', ']', '}', '»']);

/** Abbreviations that often end a sentence: a capitalised word after them starts a new one. */
export const SENTENCE_FINAL_ABBREVIATIONS: ReadonlySet<string> = new Set(['etc', 'inc', 'ltd', 'corp', 'co', 'jr', 'sr', 'a.m', 'p.m', 'u.s', 'u.k', 'd.c']);

/** Prefixes UD English keeps attached to the rest of a hyphenated word ("non-state", "e-mail"). */
export const HYPHEN_PREFIXES: ReadonlySet<string> = new Set([
  'non', 'e', 'mid', 'anti', 're', 'co', 'pre', 'pro', 'cross', 'post', 'over', 'semi', 'multi', 'ex',
  'sub', 'counter', 'mini', 'neo', 'socio', 'psycho', 'intra', 'inter', 'vice', 'arch', 'micro', 'macro',
  'ultra', 'quasi', 'pseudo', 'trans', 'bi', 'tri', 'un', 'de', 'geo', 'bio', 'eco', 'cyber', 'para',
]);
