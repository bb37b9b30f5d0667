/**
 * @module extract/entities/lexicon
 * Closed word lists the resolution rules use: office titles, source nouns and their anonymity
 * modifiers, collective group nouns, alignment words, and outlet kinds. General English news
 * vocabulary, not tuned to any one report.
 */

/** Office titles (lower case, single words; multi-word titles are built from these). */
export const TITLES = new Set([
  'ambassador', 'envoy', 'commander', 'minister', 'president', 'premier', 'spokesman', 'spokeswoman',
  'spokesperson', 'chief', 'head', 'leader', 'secretary', 'secretary-general', 'general', 'adviser',
  'advisor', 'governor', 'mayor', 'director', 'chairman', 'chairwoman', 'chair', 'speaker',
  'representative', 'consul', 'emir', 'king', 'queen', 'prince', 'sheikh', 'commissioner',
  'attache', 'attaché', 'coordinator', 'official', 'officer', 'founder', 'deputy', 'mufti', 'cleric',
  'chancellor', 'prosecutor', 'judge',
]);
/** Words that modify a title without being part of a name. */
export const TITLE_MODIFIERS = new Set([
  'deputy', 'vice', 'assistant', 'acting', 'former', 'senior', 'top', 'chief', 'prime', 'foreign',
  'defense', 'defence', 'interior', 'military', 'supreme', 'general', 'special', 'new', 'then',
  'regional', 'field', 'army', 'force', 'forces', 'intelligence', 'security', 'political', 'oil',
  'finance', 'national', 'state', 'first', 'second', 'lieutenant', 'major', 'brigadier',
]);
/** Prepositions linking a title to what it is of. */
export const TITLE_PREPS = new Set(['of', 'in', 'to', 'at', 'for']);

/** Heads of anonymous-source phrases. */
export const SOURCE_NOUNS = new Set(['source', 'sources']);
/** Singular people nouns that are anonymous when indefinite ("a senior official"). */
export const ANON_PERSON_NOUNS = new Set(['official', 'officials', 'diplomat', 'diplomats', 'source', 'commander', 'officer', 'aide', 'insider', 'insiders']);
/** Modifiers that mark a source as anonymous/unnamed. */
export const SOURCE_MODIFIERS = new Set([
  'informed', 'well-informed', 'unnamed', 'anonymous', 'diplomatic', 'security', 'senior', 'military',
  'government', 'governmental', 'official', 'local', 'knowledgeable', 'reliable', 'intelligence',
  'political', 'western', 'western', 'private', 'close', 'credible', 'trusted', 'medical', 'tribal',
  'other', 'several', 'two', 'three', 'multiple', 'some', 'many', 'party', 'police', 'field',
  'high-ranking', 'high-level', 'top', 'regional', 'european', 'arab', 'independent', 'familiar',
]);
/** Determiners that make a description anaphoric ("the same sources", "these factions"). */
export const DEFINITE = new Set(['the', 'these', 'those', 'this', 'that', 'said']);

/** Plural collective nouns that can introduce or resume a group of actors. */
export const GROUP_NOUNS = new Set(['factions', 'groups', 'militias', 'militants', 'fighters', 'paramilitaries', 'rebels', 'insurgents', 'resistance', 'forces']);
/** Group nouns that may resume a group but are too vague to introduce one without an alignment or nationality. */
export const GROUP_MODIFIERS = new Set(['armed', 'shiite', 'shia', "shi'ite", 'sunni', 'islamist', 'jihadist', 'pro-iranian', 'paramilitary', 'militia', 'allied', 'loyalist', 'rebel', 'resistance', 'several', 'various', 'other', 'local', 'tribal', 'kurdish', 'main', 'major', 'some', 'many']);
/** "X-aligned", "X-backed": the suffixes after a hyphen that mark alignment. */
export const ALIGN_SUFFIXES = new Set(['aligned', 'backed', 'allied', 'affiliated', 'linked', 'sponsored', 'funded', 'supported', 'led', 'loyal']);
/** "allied with X", "aligned with X", "loyal to X", "backed by X". */
export const ALIGN_WORDS = new Set(['allied', 'aligned', 'affiliated', 'linked', 'loyal', 'backed', 'close', 'sponsored', 'supported', 'funded']);

/** Heads after a nationality adjective that make the nation the actor ("Iranian officials"). */
export const ACTING_PEOPLE = new Set([
  'officials', 'official', 'forces', 'troops', 'army', 'military', 'government', 'authorities',
  'leadership', 'leaders', 'side', 'regime', 'diplomats', 'delegation', 'negotiators', 'navy',
  'security', 'state', 'administration', 'envoys', 'soldiers', 'warplanes', 'jets', 'drones',
  'advisers', 'advisors', 'commanders', 'ministers', 'negotiators', 'ministries', 'agents',
]);

/**
 * Plural people nouns that, after a nationality word, name an unnamed set of people who speak or
 * act for themselves, not for their state ("Iraqi politicians emphasize ..."): such a phrase is
 * its own SOURCE entity, not the country. State agents (officials, forces, diplomats, commanders,
 * ministers; `ACTING_PEOPLE`) stay the country acting.
 */
export const PEOPLE_NOUNS = new Set([
  'politicians', 'lawmakers', 'legislators', 'parliamentarians', 'mps', 'senators', 'analysts', 'experts',
  'observers', 'commentators', 'researchers', 'academics', 'scholars', 'residents', 'citizens', 'locals',
  'villagers', 'witnesses', 'eyewitnesses', 'activists', 'journalists', 'reporters', 'clerics', 'protesters',
  'protestors', 'demonstrators', 'students', 'tribesmen', 'elders', 'figures', 'businessmen', 'economists',
  'critics', 'opponents', 'voters', 'bloggers', 'intellectuals', 'writers', 'lawyers', 'doctors', 'medics',
]);
/** Words between a nationality and a people noun: "senior Iraqi political figures", "local Kurdish activists". */
export const PEOPLE_MODIFIERS = new Set([
  'senior', 'prominent', 'leading', 'local', 'some', 'several', 'many', 'most', 'other', 'few', 'two', 'three',
  'political', 'independent', 'opposition', 'shiite', 'shia', "shi'ite", 'sunni', 'christian', 'yazidi',
  'military', 'security', 'strategic', 'economic', 'legal', 'religious', 'tribal', 'young', 'ordinary',
  'veteran', 'former', 'influential', 'liberal', 'conservative', 'human', 'rights', 'civil', 'society',
  // ethnic and religious words that are no nationality ("Iraqi Kurdish politicians")
  'kurdish', 'arab', 'turkmen', 'assyrian', 'druze', 'alawite', 'baluch', 'pashtun', 'hazara', 'muslim', 'jewish',
]);

/** Government bodies after a country: "the US Treasury", "the Iraqi Interior Ministry". */
export const GOV_BODIES = new Set(['ministry', 'department', 'treasury']);
/** Portfolio words before a ministry noun ("Foreign Ministry") or after "Ministry of" ("of Interior"). */
export const GOV_FIELDS = new Set([
  'foreign', 'interior', 'defense', 'defence', 'finance', 'treasury', 'state', 'justice', 'oil', 'energy',
  'health', 'education', 'trade', 'commerce', 'economy', 'information', 'intelligence', 'electricity',
  'planning', 'water', 'agriculture', 'labor', 'labour', 'culture', 'transport', 'communications',
  'environment', 'migration', 'displacement', 'home', 'higher', 'affairs', 'homeland', 'security',
  'peshmerga', 'religious', 'endowments', 'awqaf', 'housing', 'industry', 'tourism', 'youth', 'sports',
  'human', 'rights', 'war', 'and', 'social', 'municipalities', 'public', 'works', 'telecommunications',
]);
/** Spelling variants folded for the merge key of a government body. */
export const GOV_FIELD_SYNONYMS: Record<string, string> = { defence: 'defense', labour: 'labor', affairs: '', and: '', of: '' };
/** Heads after a nationality adjective where the adjective alone is the actor mention ("Iranian orders"). */
export const ACTING_THINGS = new Set([
  'orders', 'order', 'interests', 'interest', 'support', 'pressure', 'strikes', 'strike', 'attacks',
  'attack', 'threats', 'aid', 'demands', 'instructions', 'directives', 'approval', 'position',
  'policy', 'sanctions', 'retaliation', 'response', 'involvement', 'intervention', 'occupation',
  'aggression', 'bases', 'targets', 'embassy', 'message', 'messages', 'proposal', 'plan',
]);

/** Heads a parenthesised name can carry: "the ruling (Coordinating Framework) alliance". */
export const NAME_HEADS = new Set([
  'alliance', 'coalition', 'bloc', 'front', 'radio', 'newspaper', 'daily', 'paper', 'channel', 'agency',
  'party', 'movement', 'group', 'militia', 'network', 'tv', 'television', 'website', 'station',
  'broadcaster', 'magazine', 'weekly', 'organization', 'organisation', 'brigades', 'force', 'forces',
]);

/** Definite outlet/organisation descriptions and what they look for. */
export const DESCRIPTION_HEADS: Record<string, 'newspaper' | 'broadcaster' | 'agency' | 'outlet' | 'alliance' | 'armed_group' | 'government'> = {
  newspaper: 'newspaper', daily: 'newspaper', paper: 'newspaper', weekly: 'newspaper',
  radio: 'broadcaster', station: 'broadcaster', channel: 'broadcaster', broadcaster: 'broadcaster', network: 'broadcaster',
  agency: 'agency', outlet: 'outlet', website: 'outlet',
  alliance: 'alliance', coalition: 'alliance', bloc: 'alliance', framework: 'alliance',
  ministry: 'government', department: 'government',
  group: 'armed_group', militia: 'armed_group', movement: 'armed_group', organization: 'armed_group', organisation: 'armed_group',
};
