/**
 * @module extract/events/lexicon-data
 * The lexicon's types and our curated triggers. scripts/build-lexicon.ts merges these over the
 * CAMEO dictionary (curated entries win) into data/lexicon/triggers.json.
 *
 * Curated because the CAMEO dictionary is verb-centred and pre-dates PLOVER: noun triggers
 * ("meeting", "strike", "the registration of volunteers"), travel as MOVE (CAMEO files "travel"
 * under 040 consult), light-verb patterns, and the nouns that make an "attack" verbal.
 */
import type { EventType } from '../../nlp/doc.ts';

export interface LexEntry {
  type: EventType;
  cameo?: string;
  mode?: string;
  context?: string;
}

/** A verb plus words in its object/complement; `entry: null` means "not an event" (e.g. "cast doubt"). */
export interface LexPattern {
  verb: string;
  words: string[];
  entry: LexEntry | null;
}

export interface Lexicon {
  sources: string[];
  verbs: Record<string, LexEntry>;
  nouns: Record<string, LexEntry>;
  /** Irregular inflected form → lemma, for text without a tagger. */
  forms: Record<string, string>;
  patterns: LexPattern[];
}

const MOVE: LexEntry = { type: 'MOVE' };

export const CURATED_VERBS: Record<string, LexEntry> = {
  travel: MOVE, move: MOVE, arrive: MOVE, relocate: MOVE, depart: MOVE, fly: MOVE, head: MOVE,
  cross: MOVE, enter: MOVE, reach: MOVE, go: MOVE,
  visit: { type: 'CONSULT', cameo: '042', mode: 'visit' },
  meet: { type: 'CONSULT', cameo: '040' },
  coordinate: { type: 'CONSULT', cameo: '040' },
  consult: { type: 'CONSULT', cameo: '040' },
  discuss: { type: 'CONSULT', cameo: '040' },
  negotiate: { type: 'CONSULT', cameo: '046', context: 'diplomatic' },
  request: { type: 'REQUEST', cameo: '020' },
  ask: { type: 'REQUEST', cameo: '020' },
  urge: { type: 'REQUEST', cameo: '020' },
  demand: { type: 'REQUEST', cameo: '100' },
  support: { type: 'SUPPORT', cameo: '051', context: 'diplomatic' },
  back: { type: 'SUPPORT', cameo: '051', context: 'diplomatic' },
  attack: { type: 'ASSAULT', cameo: '190', context: 'military' },
  strike: { type: 'ASSAULT', cameo: '190', context: 'military' },
  shell: { type: 'ASSAULT', cameo: '194', mode: 'heavy-weapons', context: 'military' },
  bomb: { type: 'ASSAULT', cameo: '195', mode: 'heavy-weapons', context: 'military' },
  kill: { type: 'ASSAULT', cameo: '190', context: 'military' },
  threaten: { type: 'THREATEN', cameo: '130' },
  warn: { type: 'THREATEN', cameo: '130' },
  vow: { type: 'THREATEN', cameo: '130' },
  protest: { type: 'PROTEST', cameo: '140' },
  demonstrate: { type: 'PROTEST', cameo: '141', mode: 'demo' },
  rally: { type: 'PROTEST', cameo: '141', mode: 'demo' },
  march: { type: 'PROTEST', cameo: '141', mode: 'demo' },
  sanction: { type: 'SANCTION', cameo: '163', mode: 'restrict', context: 'economic' },
  deny: { type: 'REJECT', cameo: '120' },
  reject: { type: 'REJECT', cameo: '120' },
  accuse: { type: 'ACCUSE', cameo: '112', mode: 'disapprove' },
  condemn: { type: 'ACCUSE', cameo: '111', mode: 'disapprove' },
  blame: { type: 'ACCUSE', cameo: '112', mode: 'disapprove' },
  deploy: { type: 'MOBILIZE', cameo: '154', mode: 'troops', context: 'military' },
  mobilize: { type: 'MOBILIZE', cameo: '154', mode: 'troops', context: 'military' },
  recruit: { type: 'MOBILIZE', cameo: '154', mode: 'troops', context: 'military' },
  arrest: { type: 'COERCE', cameo: '173', mode: 'arrest', context: 'legal' },
  detain: { type: 'COERCE', cameo: '173', mode: 'arrest', context: 'legal' },
  withdraw: { type: 'RETREAT', cameo: '0872', mode: 'withdraw', context: 'military' },
  agree: { type: 'AGREE', cameo: '030', context: 'diplomatic' },
  fight: { type: 'ASSAULT', cameo: '190', context: 'military' },
  intervene: { type: 'ASSAULT', cameo: '190', context: 'military' },
  refuse: { type: 'REJECT', cameo: '120' },
  decline: { type: 'REJECT', cameo: '120' },
  renege: { type: 'REJECT', cameo: '120' },
  veto: { type: 'REJECT', cameo: '129', mode: 'yield', context: 'diplomatic' },
  share: { type: 'COOPERATE', cameo: '064', context: 'intelligence' },
  sign: { type: 'SUPPORT', cameo: '057', context: 'diplomatic' },
  surrender: { type: 'RETREAT', cameo: '0874', mode: 'disarm', context: 'military' },
  riot: { type: 'PROTEST', cameo: '145', mode: 'riot' },
  lift: { type: 'RETREAT', cameo: '0813' },
  investigate: { type: 'ACCUSE', cameo: '090', mode: 'investigate' },
  mediate: { type: 'CONSULT', cameo: '045', context: 'diplomatic' },
  // reducing relations or aid: "halted aid", "suspended talks", "cut ties", "cancelled a visit"
  halt: { type: 'SANCTION', cameo: '160' },
  suspend: { type: 'SANCTION', cameo: '160' },
  cut: { type: 'SANCTION', cameo: '160' },
  cancel: { type: 'SANCTION', cameo: '160' },
  sever: { type: 'SANCTION', cameo: '161', mode: 'withdraw', context: 'diplomatic' },
  freeze: { type: 'SANCTION', cameo: '160' },
  // "no intention to act", "will act if attacked": taking (armed) action, in conflict reporting
  act: { type: 'ASSAULT', cameo: '190', context: 'military' },
};

export const CURATED_NOUNS: Record<string, LexEntry> = {
  meeting: { type: 'CONSULT', cameo: '040' },
  talk: { type: 'CONSULT', cameo: '046', context: 'diplomatic' },
  visit: { type: 'CONSULT', cameo: '042', mode: 'visit' },
  consultation: { type: 'CONSULT', cameo: '040' },
  discussion: { type: 'CONSULT', cameo: '040' },
  coordination: { type: 'CONSULT', cameo: '040' },
  message: { type: 'CONSULT', cameo: '040' },
  negotiation: { type: 'CONSULT', cameo: '046', context: 'diplomatic' },
  summit: { type: 'CONSULT', cameo: '040' },
  attack: { type: 'ASSAULT', cameo: '190', context: 'military' },
  strike: { type: 'ASSAULT', cameo: '190', context: 'military' },
  airstrike: { type: 'ASSAULT', cameo: '195', mode: 'heavy-weapons', context: 'military' },
  raid: { type: 'ASSAULT', cameo: '190', context: 'military' },
  bombing: { type: 'ASSAULT', cameo: '183', mode: 'explosives' },
  shelling: { type: 'ASSAULT', cameo: '194', mode: 'heavy-weapons', context: 'military' },
  assault: { type: 'ASSAULT', cameo: '190', context: 'military' },
  clash: { type: 'ASSAULT', cameo: '190', context: 'military' },
  intervention: { type: 'ASSAULT', cameo: '190', context: 'military' },
  operation: { type: 'ASSAULT', cameo: '190', context: 'military' },
  ambush: { type: 'ASSAULT', cameo: '190', context: 'military' },
  threat: { type: 'THREATEN', cameo: '130' },
  ultimatum: { type: 'THREATEN', cameo: '139', mode: 'relations', context: 'diplomatic' },
  protest: { type: 'PROTEST', cameo: '140' },
  demonstration: { type: 'PROTEST', cameo: '141', mode: 'demo' },
  rally: { type: 'PROTEST', cameo: '141', mode: 'demo' },
  'sit-in': { type: 'PROTEST', cameo: '141', mode: 'demo' },
  sanction: { type: 'SANCTION', cameo: '163', mode: 'restrict', context: 'economic' },
  embargo: { type: 'SANCTION', cameo: '163', mode: 'restrict', context: 'economic' },
  support: { type: 'SUPPORT', cameo: '051', context: 'diplomatic' },
  request: { type: 'REQUEST', cameo: '020' },
  recommendation: { type: 'REQUEST', cameo: '020' },
  demand: { type: 'REQUEST', cameo: '100' },
  appeal: { type: 'REQUEST', cameo: '020' },
  registration: { type: 'MOBILIZE', cameo: '154', mode: 'troops', context: 'military' },
  recruitment: { type: 'MOBILIZE', cameo: '154', mode: 'troops', context: 'military' },
  mobilization: { type: 'MOBILIZE', cameo: '154', mode: 'troops', context: 'military' },
  deployment: { type: 'MOBILIZE', cameo: '154', mode: 'troops', context: 'military' },
  arrest: { type: 'COERCE', cameo: '173', mode: 'arrest', context: 'legal' },
  accusation: { type: 'ACCUSE', cameo: '112', mode: 'disapprove' },
  condemnation: { type: 'ACCUSE', cameo: '111', mode: 'disapprove' },
  withdrawal: { type: 'RETREAT', cameo: '0872', mode: 'withdraw', context: 'military' },
  ceasefire: { type: 'RETREAT', cameo: '0871', mode: 'ceasefire', context: 'military' },
  agreement: { type: 'AGREE', cameo: '030', context: 'diplomatic' },
  aid: { type: 'AID', cameo: '070' },
  assistance: { type: 'AID', cameo: '070' },
  investigation: { type: 'ACCUSE', cameo: '090', mode: 'investigate' },
  probe: { type: 'ACCUSE', cameo: '090', mode: 'investigate' },
  inquiry: { type: 'ACCUSE', cameo: '090', mode: 'investigate' },
  mediation: { type: 'CONSULT', cameo: '045', context: 'diplomatic' },
  riot: { type: 'PROTEST', cameo: '145', mode: 'riot' },
  boycott: { type: 'PROTEST', cameo: '143', mode: 'boycott' },
  blockade: { type: 'COERCE', cameo: '191', mode: 'restrict', context: 'military' },
  torture: { type: 'ASSAULT', cameo: '1822', mode: 'torture' },
  killing: { type: 'ASSAULT', cameo: '190', context: 'military' },
  massacre: { type: 'ASSAULT', cameo: '200', mode: 'massacre', context: 'military' },
  assassination: { type: 'ASSAULT', cameo: '186', mode: 'assassinate' },
  bombardment: { type: 'ASSAULT', cameo: '195', mode: 'heavy-weapons', context: 'military' },
  expulsion: { type: 'SANCTION', cameo: '166', mode: 'expel', context: 'diplomatic' },
};

const ACCUSE_VERBAL: LexEntry = { type: 'ACCUSE', cameo: '111', mode: 'disapprove' };

export const CURATED_PATTERNS: LexPattern[] = [
  // "media attacks", "verbal attacks", "propaganda campaign": criticism, not violence
  { verb: 'attack', words: ['media'], entry: ACCUSE_VERBAL },
  { verb: 'attack', words: ['verbal'], entry: ACCUSE_VERBAL },
  { verb: 'attack', words: ['propaganda'], entry: ACCUSE_VERBAL },
  { verb: 'attack', words: ['rhetorical'], entry: ACCUSE_VERBAL },
  // "claimed responsibility for the attack": the claim itself is not the event
  { verb: 'claim', words: ['responsibility'], entry: null },
  // travel verbs that are really visits
  { verb: 'travel', words: ['meet'], entry: { type: 'CONSULT', cameo: '042', mode: 'visit' } },
  // "operation" only in military sense is an assault; "rescue operation" is not
  { verb: 'operation', words: ['rescue'], entry: null },
  { verb: 'operation', words: ['search'], entry: null },
  { verb: 'strike', words: ['hunger'], entry: { type: 'PROTEST', cameo: '142', mode: 'hunger' } },
  { verb: 'strike', words: ['general'], entry: { type: 'PROTEST', cameo: '143', mode: 'boycott' } },
  { verb: 'strike', words: ['open-ended'], entry: { type: 'PROTEST', cameo: '143', mode: 'boycott' } },
  { verb: 'strike', words: ['nationwide'], entry: { type: 'PROTEST', cameo: '143', mode: 'boycott' } },
  { verb: 'strike', words: ['labour'], entry: { type: 'PROTEST', cameo: '143', mode: 'boycott' } },
  { verb: 'strike', words: ['labor'], entry: { type: 'PROTEST', cameo: '143', mode: 'boycott' } },
  { verb: 'strike', words: ['work'], entry: { type: 'PROTEST', cameo: '143', mode: 'boycott' } },
  { verb: 'message', words: ['text'], entry: null },
  { verb: 'act', words: ['as'], entry: null },
  // expelling foreign officials is a diplomatic sanction (CAMEO 166), not a deportation
  ...['inspectors', 'diplomats', 'ambassador', 'envoy', 'observers', 'monitors', 'staff', 'mission'].map(
    (w): LexPattern => ({ verb: 'expel', words: [w], entry: { type: 'SANCTION', cameo: '166', mode: 'expel', context: 'diplomatic' } }),
  ),
  // cutting power or prices is not a sanction
  { verb: 'cut', words: ['power'], entry: null },
  { verb: 'cut', words: ['prices'], entry: null },
  { verb: 'cut', words: ['rates'], entry: null },
  { verb: 'act', words: ['on'], entry: null },
  { verb: 'act', words: ['upon'], entry: null },
  // "called for X" / "called on X to" is a request; a bare "call" stays a (phone) consultation
  { verb: 'call', words: ['for'], entry: { type: 'REQUEST', cameo: '020' } },
  { verb: 'call', words: ['on'], entry: { type: 'REQUEST', cameo: '020' } },
  { verb: 'call', words: ['upon'], entry: { type: 'REQUEST', cameo: '020' } },
];

/**
 * Light verbs whose object noun is the real trigger: "held a meeting", "carried out an attack",
 * "paid a visit", "staged a protest", "imposed sanctions", "launched strikes".
 */
export const LIGHT_VERBS = new Set([
  'hold', 'conduct', 'carry', 'launch', 'stage', 'make', 'pay', 'take', 'impose', 'organize',
  'organise', 'mount', 'begin', 'start', 'continue', 'show', 'express', 'issue', 'receive',
  'send', 'announce', 'declare', 'intensify', 'escalate', 'resume', 'call', 'give', 'offer', 'lend',
]);

/**
 * Dictionary verbs too generic to be triggers on their own in news prose ("take", "need",
 * "decide", "claim" as in "claimed that"; "increase"/"escalate" as in "the situation escalates"):
 * removed from the verb list. Their dictionary patterns still apply when a curated or CAMEO
 * pattern names them with an object ("pay a visit" via the noun, "claim responsibility" → none).
 */
export const EXCLUDED_VERBS = [
  'take', 'think', 'leave', 'need', 'mean', 'hear', 'learn', 'lead', 'add', 'consider', 'die',
  'expect', 'decide', 'hope', 'face', 'control', 'pass', 'suggest', 'catch', 'serve', 'buy', 'pay',
  'break', 'train', 'vote', 'claim', 'expand', 'escalate', 'increase', 'intensify', 'boost',
  'amplify', 'deepen', 'enhance', 'heighten', 'magnify', 'redouble', 'augment', 'enlarge',
  'include', 'continue', 'remain', 'become', 'seem', 'show', 'involve', 'begin', 'start', 'have',
  // relations or descriptions rather than events: "factions allied with Iran", "armed groups",
  // "the ruling alliance", "until a stance is determined"
  'ally', 'align', 'arm', 'relate', 'rule', 'determine', 'base', 'accord',
];
