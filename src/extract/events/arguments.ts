/**
 * @module extract/events/arguments
 * Source actors, target actors and location of an event, read off the dependency tree.
 *
 * Verb triggers (and light verbs carrying a noun trigger, "held a meeting"):
 *   sources  nsubj (active), passive agent ("by X"); none → the subject of the governing verb
 *            for xcomp/advcl/conj ("began moving", "are keen on showing"), the modified noun for
 *            acl ("groups attacking"), the "of" argument of a governing noun ("readiness of X to …")
 *   targets  obj, iobj, nsubj:pass, obl with / against / on / to / toward / at-the-expense-of;
 *            for MOVE the destinations (to / toward / into); "receive X from Y": Y is the source
 *            and the receiver the target
 * Noun triggers:
 *   sources  possessor, entity modifiers ("Israeli strike"), "by X", "from X"; "attended by X"
 *   targets  "with / against / for / on / to / toward X"; "of X" for mobilisation and requests
 * Every argument follows coordination, appositions and "including" lists (tree.ts).
 * Location: an obl/nmod with in / at / near / inside / toward / into / across whose entity is a
 * LOCATION; failing that, the place a participant is "in" ("the ambassador in Baghdad held …").
 */
import type { EventType } from '../../nlp/doc.ts';
import type { DocView } from '../tree.ts';

export interface EventArgs {
  sources: string[];
  targets: string[];
  location?: string;
}

const TARGET_CASES = new Set(['with', 'against', 'on', 'to', 'toward', 'towards', 'at the expense of', 'upon', 'into', 'for']);
const NOUN_TARGET_CASES = new Set(['with', 'against', 'for', 'on', 'to', 'toward', 'towards', 'upon', 'into']);
const DEST_CASES = new Set(['to', 'toward', 'towards', 'into', 'for']);
const LOC_CASES = new Set(['in', 'at', 'near', 'inside', 'outside', 'toward', 'towards', 'into', 'across', 'to', 'around', 'within', 'from']);
const RECEIVE = new Set(['receive', 'get', 'obtain']);
const RELATIVE_PRONOUNS = new Set(['who', 'which', 'that', 'whom']);

function push(out: string[], es: string[]): void {
  for (const e of es) if (!out.includes(e)) out.push(e);
}

function isPlace(v: DocView, e: string): boolean {
  return v.entityById.get(e)?.type === 'LOCATION';
}

/** Places a subset of entities can be: cities/regions only, or countries too when nothing else. */
function pickLocation(v: DocView, es: string[]): string | undefined {
  const places = es.filter((e) => isPlace(v, e));
  return places[0];
}

/** Subject-derived sources of the clause headed by c (with the climbing fallbacks). */
export function clauseSources(v: DocView, c: number, depth = 0): string[] {
  const out: string[] = [];
  if (depth > 4) return out;
  for (const s of v.kids(c, 'nsubj')) {
    if (v.isPassiveSubject(s)) continue;
    if (RELATIVE_PRONOUNS.has(v.lower(s)) && v.baseDep(c) === 'acl') push(out, v.entitiesOfArg(v.tokens[c]!.head));
    else push(out, v.entitiesOfArg(s));
  }
  for (const a of v.kids(c, 'obl')) if (v.caseOf(a) === 'by' && (v.tokens[a]!.dep === 'obl:agent' || v.kids(c, 'aux:pass', 'nsubj:pass').length > 0)) push(out, v.entitiesOfArg(a));
  if (out.length > 0 || v.kids(c, 'nsubj').some((s) => !v.isPassiveSubject(s))) return out;
  const head = v.tokens[c]!.head;
  if (head < 0) return out;
  const rel = v.baseDep(c);
  if (rel === 'xcomp' || rel === 'advcl' || rel === 'conj') return clauseSources(v, head, depth + 1);
  if (rel === 'acl') {
    // "readiness of X to act" → X; "groups attacking …" → the groups
    const ofs = v.kids(head, 'nmod').filter((k) => v.caseOf(k) === 'of');
    const poss = v.kids(head, 'nmod:poss');
    for (const k of [...poss, ...ofs]) push(out, v.entitiesOfArg(k));
    if (out.length > 0) return out;
    // "announced its readiness to …", "has no intention to attack": the noun's clause supplies the actor
    const infinitive = v.kids(c, 'mark').some((m) => v.lower(m) === 'to');
    if (ofs.length > 0 || poss.length > 0 || infinitive) {
      const up = v.tokens[head]!.head;
      return up >= 0 && ['obj', 'obl'].includes(v.baseDep(head)) ? clauseSources(v, up, depth + 1) : out;
    }
    // "groups attacking the town": the modified noun acts
    if (v.kids(c, 'aux:pass').length === 0 && !/ed$/.test(v.lower(c))) push(out, v.entitiesOfArg(head));
  }
  return out;
}

/** Arguments of a verb trigger (or of a light verb `c` whose object noun is the trigger `noun`). */
export function verbArgs(v: DocView, c: number, type: EventType, noun = -1): EventArgs {
  const sources = clauseSources(v, c);
  const targets: string[] = [];
  let location: string | undefined;
  let swapped = false;
  for (const k of v.kids(c, 'obj', 'iobj')) if (k !== noun) push(targets, v.entitiesOfArg(k));
  for (const k of v.kids(c, 'nsubj')) if (v.isPassiveSubject(k)) push(targets, v.entitiesOfArg(k));
  for (const k of v.kids(c, 'obl')) {
    if (v.isTime(k)) continue; // "in recent days … of Iran-aligned factions" is no place or target
    const cs = v.caseOf(k);
    const es = v.entitiesOfArg(k);
    if (cs === 'from' && RECEIVE.has(v.lemma(c))) {
      // "X received messages from Y": Y sent, X received
      if (!swapped) push(targets, sources.splice(0));
      swapped = true;
      push(sources, es);
      continue;
    }
    if (type === 'MOVE' && DEST_CASES.has(cs)) {
      push(targets, es);
      location ??= pickLocation(v, es);
      continue;
    }
    if (LOC_CASES.has(cs) && es.some((e) => isPlace(v, e)) && !TARGET_CASES.has(cs)) {
      location ??= pickLocation(v, es);
      continue;
    }
    if (TARGET_CASES.has(cs) || (cs === 'from' && type === 'RETREAT')) push(targets, es);
    if (LOC_CASES.has(cs)) location ??= pickLocation(v, es);
  }
  // "help defend X", "agreed to release X": the object of the verb's complement
  if (targets.length === 0) for (const x of v.kids(c, 'xcomp')) for (const k of v.kids(x, 'obj', 'iobj')) push(targets, v.entitiesOfArg(k));
  // "X received messages (from Y)": X is the addressee whatever "from" attaches to
  if (noun >= 0 && RECEIVE.has(v.lemma(c))) {
    const from = v.kids(noun, 'nmod').filter((k) => v.caseOf(k) === 'from');
    if (!swapped) push(targets, sources.splice(0));
    for (const k of from) push(sources, v.entitiesOfArg(k));
  }
  return withLocation(v, { sources, targets: targets.filter((e) => !sources.includes(e)), ...(location ? { location } : {}) }, c);
}

/** Arguments of a noun trigger n that is not carried by a light verb. */
export function nounArgs(v: DocView, n: number, type: EventType): EventArgs {
  const sources: string[] = [];
  const targets: string[] = [];
  let location: string | undefined;
  for (const k of v.kids(n, 'nmod:poss', 'compound', 'amod')) push(sources, v.entitiesOfNominal(k));
  for (const k of v.kids(n, 'nmod')) {
    const cs = v.caseOf(k);
    const es = v.entitiesOfArg(k);
    if (cs === 'by' || cs === 'from' || cs === 'between' || cs === 'among') push(sources, es);
    else if (NOUN_TARGET_CASES.has(cs)) push(targets, es);
    else if (cs === 'of' && (type === 'MOBILIZE' || type === 'REQUEST' || type === 'SUPPORT' || type === 'AID')) push(targets, es);
    else if (cs === 'of') push(sources, es);
    else if (LOC_CASES.has(cs)) location ??= pickLocation(v, es);
  }
  // "a meeting attended by X and Y": the attendees take part
  const attend = v.kids(n, 'acl').filter((a) => v.lemma(a) === 'attend' || v.lemma(a) === 'join');
  for (const a of attend) push(targets, attendees(v, a));
  // the parser hung "attended by …" elsewhere: read the attendees off the text after "by"
  if (attend.length === 0) {
    const sent = v.doc.sentences[v.tokens[n]!.sentence]!;
    for (let k = n + 1; k < Math.min(sent.endToken, n + 8); k++) {
      if (/^(attended|joined)$/i.test(v.tokens[k]!.text) && v.lower(k + 1) === 'by') {
        push(targets, v.entitiesAfter(k + 1));
        break;
      }
    }
  }
  return withLocation(v, { sources, targets: targets.filter((e) => !sources.includes(e)), ...(location ? { location } : {}) }, n);
}

/**
 * Participants of "attended by X and Y, including Z": the agent(s), plus the nominals parsers
 * misattach to the participle (as object, second agent or conjunct).
 */
export function attendees(v: DocView, a: number): string[] {
  const out: string[] = [];
  for (const k of v.kids(a, 'obl', 'obj', 'conj')) {
    const agent = v.tokens[k]!.dep === 'obl:agent' || v.caseOf(k) === 'by';
    const nominal = ['NOUN', 'PROPN'].includes(v.tokens[k]!.pos);
    if (agent || v.baseDep(k) === 'obj' || (v.baseDep(k) === 'conj' && nominal)) push(out, v.entitiesOfArg(k));
  }
  return out;
}

/** Merge the arguments of a light verb clause and of its noun trigger ("held a meeting attended by …"). */
export function mergeArgs(a: EventArgs, b: EventArgs): EventArgs {
  const sources = [...a.sources];
  push(sources, b.sources);
  const targets = [...a.targets];
  push(targets, b.targets);
  const loc = a.location ?? b.location;
  return { sources, targets: targets.filter((e) => !sources.includes(e)), ...(loc ? { location: loc } : {}) };
}

/** Location fallback: the place a participant is "in" ("the Iranian Ambassador in Baghdad held …"). */
function withLocation(v: DocView, args: EventArgs, c: number): EventArgs {
  if (args.location) return args;
  const sent = v.tokens[c]!.sentence;
  for (const e of [...args.sources, ...args.targets]) {
    for (let i = v.doc.sentences[sent]!.firstToken; i < v.doc.sentences[sent]!.endToken; i++) {
      if (v.tokenEntity[i] !== e) continue;
      for (const k of v.kids(i, 'nmod')) {
        if (v.caseOf(k) !== 'in' && v.caseOf(k) !== 'at') continue;
        const place = pickLocation(v, v.entitiesOfNominal(k));
        if (place && place !== e) return { ...args, location: place };
      }
    }
  }
  return args;
}
