/**
 * @module extract/relations
 * The `relations` stage: durable links between actors, each with an evidence span (the smallest
 * stretch of text that shows both ends) and the claim that carries it.
 *
 *   commands / leads   "X, (deputy) commander of Y", "the head of Y, X", titles in appositions
 *   member_of          "Y, including X", "X, a member of Y"
 *   allied_with        "Y allied with X", "X-allied Y"
 *   aligned_with       "X-aligned Y", "Y aligned with X"
 *   supports           "X-backed Y"; SUPPORT/AID events (not negated/conditional)
 *   opposes            ASSAULT / ACCUSE / THREATEN / SANCTION / COERCE events (not negated/conditional)
 *   represents         "the Iranian Ambassador", "X's envoy", "spokesman for X"
 *   located_in         "the Ambassador in Baghdad", "the American radio" (a demonym on an organisation)
 *   part_of            "X, part of Y"; a state organ by its knowledge-base code (IRNMIL → Iran)
 *   awaits_orders_from "waiting for orders from X", "waiting for Iranian orders",
 *                      "without clear Iranian orders" (from the clause's subject)
 */
import type { Doc, Relation, Span } from '../nlp/doc.ts';
import type { Stage } from '../pipeline/stage.ts';
import { DocView } from './tree.ts';
import { clauseSources } from './events/arguments.ts';

export type RelationType =
  | 'member_of' | 'leads' | 'commands' | 'allied_with' | 'aligned_with' | 'part_of' | 'located_in'
  | 'represents' | 'supports' | 'opposes' | 'awaits_orders_from';

export type RelationExtractorOptions = Record<string, never>;

const COMMAND_TITLES = new Set(['commander', 'general']);
const LEAD_TITLES = new Set(['chief', 'leader', 'head', 'president', 'chairman', 'chair', 'secretary-general', 'director', 'founder', 'emir', 'prime', 'minister', 'spokesman', 'spokesperson']);
const REPRESENT_TITLES = new Set(['ambassador', 'envoy', 'consul', 'minister', 'spokesman', 'spokesperson', 'representative', 'delegate', 'emissary', 'official', 'diplomat', 'attaché', 'attache']);
const MEMBER_WORDS = new Set(['member', 'part', 'faction', 'wing', 'unit', 'branch', 'affiliate']);
const ORDER_NOUNS = new Set(['order', 'instruction', 'directive', 'command', 'approval', 'signal', 'green']);
const HYPHEN_REL: Record<string, RelationType> = {
  aligned: 'aligned_with', allied: 'allied_with', affiliated: 'member_of', linked: 'aligned_with',
  backed: 'supports', sponsored: 'supports', supported: 'supports', funded: 'supports', led: 'leads',
};
const STATE_SECTORS = new Set(['GOV', 'MIL', 'SPY', 'JUD', 'LEG', 'COP']);
const BASED_SECTORS = new Set(['MED', 'BUS', 'EDU', 'NGO', 'PTY']);
const OPPOSING_EVENTS = new Set(['ASSAULT', 'ACCUSE', 'THREATEN', 'SANCTION', 'COERCE', 'PROTEST']);

class RelationCollector {
  readonly out: Relation[] = [];
  constructor(readonly doc: Doc, readonly v: DocView) {}

  add(type: RelationType, from: string | undefined, to: string | undefined, evidence: Span, claimId?: string): void {
    if (!from || !to || from === to) return;
    if (this.out.some((r) => r.type === type && r.from === from && r.to === to)) return;
    const claim = claimId ? this.doc.claims.find((c) => c.id === claimId) : this.doc.claims
      .filter((c) => c.start <= evidence.start && c.end >= evidence.end)
      .sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    const r: Relation = { id: `r${this.out.length + 1}`, type, from, to, evidence: { start: evidence.start, end: evidence.end } };
    if (claim) r.claim = claim.id;
    this.out.push(r);
  }

  /** Span from token a to token b (either order), widened to whole tokens. */
  span(a: number, b: number): Span {
    const ta = this.v.tokens[Math.min(a, b)]!;
    const tb = this.v.tokens[Math.max(a, b)]!;
    return { start: ta.start, end: tb.end };
  }
}

/** Titles: "X, (deputy) commander of Y" / "(Deputy) Commander of Y, X" / "the head of Y". */
function titles(c: RelationCollector): void {
  const { v } = c;
  v.tokens.forEach((_, i) => {
    const lemma = v.lemma(i);
    const kind: RelationType | undefined = COMMAND_TITLES.has(lemma) ? 'commands' : LEAD_TITLES.has(lemma) && lemma !== 'minister' ? 'leads' : undefined;
    if (!kind) return;
    const of = v.kids(i, 'nmod').filter((k) => v.caseOf(k) === 'of' || v.tokens[k]!.dep === 'nmod:poss');
    const orgs = of.flatMap((k) => v.entitiesOfArg(k, { followOf: false })).filter((e) => v.entityById.get(e)?.type === 'ORGANIZATION');
    const possOrgs = v.kids(i, 'nmod:poss').flatMap((k) => v.entitiesOfNominal(k)).filter((e) => v.entityById.get(e)?.type === 'ORGANIZATION');
    const org = [...orgs, ...possOrgs][0];
    if (!org) return;
    // the person: apposition either way round, else the title's own entity (a ROLE)
    const appos = [...v.kids(i, 'appos'), ...(v.baseDep(i) === 'appos' ? [v.tokens[i]!.head] : [])];
    // parsers often hang "…, X" on the organisation instead of the title
    for (const k of of) appos.push(...v.kids(k, 'appos', 'conj'));
    const person = appos.map((k) => v.entityOfNominal(k)).find((e) => e && v.entityById.get(e)?.type === 'PERSON') ?? v.tokenEntity[i];
    if (person === org) return;
    const other = appos[0] ?? i;
    const orgTok = of[0] ?? i;
    c.add(kind, person, org, c.span(Math.min(i, other, orgTok), Math.max(i, other, orgTok)));
  });
}

/** "including" lists and "X-aligned Y" / "Y allied with X". */
function groups(c: RelationCollector): void {
  const { v, doc } = c;
  v.tokens.forEach((_, i) => {
    // "Y, including X": X member_of Y (Y: the nominal "including" attaches to, or its "of" argument)
    if (v.lower(i) === 'including' || v.lower(i) === 'such') {
      const nominal = v.baseDep(i) === 'case' ? v.tokens[i]!.head : i;
      const group = v.tokens[nominal]!.head;
      if (group < 0) return;
      let ys = v.entitiesOfArg(group).filter((e) => v.entityById.get(e)?.type === 'ORGANIZATION');
      // a misattached list ("…, including X" hung on the verb): the nearest organisation before it
      if (ys.length === 0 || !['NOUN', 'PROPN', 'PRON'].includes(v.tokens[group]!.pos)) {
        for (let k = i - 1; k >= doc.sentences[v.tokens[i]!.sentence]!.firstToken; k--) {
          const e = v.tokenEntity[k];
          if (e && v.entityById.get(e)?.type === 'ORGANIZATION') {
            ys = [e];
            break;
          }
        }
      }
      const xs = (v.baseDep(i) === 'case' ? v.entitiesOfArg(nominal) : v.kids(i, 'obj', 'nmod', 'obl').flatMap((k) => v.entitiesOfArg(k)));
      for (const x of xs) for (const y of ys) c.add('member_of', x, y, c.span(group, Math.max(...v.subtree(nominal))));
    }
    // "factions allied/aligned with Iran"
    const lemma = v.lemma(i);
    const allyWord = /^(?:allied|aligned|affiliated|linked)$/.test(v.lower(i)) || lemma === 'ally' || lemma === 'align';
    if (allyWord && v.baseDep(i) !== 'amod') {
      const withArg = v.kids(i, 'obl', 'nmod').find((k) => v.caseOf(k) === 'with' || v.caseOf(k) === 'to');
      if (withArg === undefined) return;
      const head = v.baseDep(i) === 'acl' ? v.tokens[i]!.head : v.kids(i, 'nsubj')[0];
      if (head === undefined) return;
      const type: RelationType = /^alli|^ally/.test(v.lower(i)) ? 'allied_with' : /^affil/.test(v.lower(i)) ? 'member_of' : 'aligned_with';
      const xs = v.entitiesOfNominal(head);
      for (const x of xs.length > 0 ? xs : v.entitiesOfArg(head)) for (const y of v.entitiesOfArg(withArg)) c.add(type, x, y, c.span(head, Math.max(...v.subtree(withArg))));
    }
  });
  // "Iran-aligned factions", "Iran - backed militia": read off the text, tokenisation-independent
  const re = /\b([A-Z][\w'’.]*(?:\s[A-Z][\w'’.]*)?)\s?-\s?(aligned|allied|affiliated|linked|backed|sponsored|supported|funded|led)\b/g;
  for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) {
    const nameStart = m.index;
    const nameEnd = m.index + m[1]!.length;
    // the named party: a mention inside the name, else an entity called so elsewhere in the text
    let x = doc.entities.find((en) => en.mentions.some((mm) => mm.start >= nameStart && mm.end <= nameEnd))?.id;
    x ??= doc.entities.find((en) => en.name.toLowerCase() === m![1]!.toLowerCase() || en.mentions.some((mm) => mm.text.toLowerCase() === m![1]!.toLowerCase()))?.id;
    // the modified noun: the head of the token that ends the match
    const [, endTok] = doc.tokenRange({ start: m.index, end: m.index + m[0].length });
    const last = endTok - 1;
    const nounTok = v.tokens[last]?.head ?? -1;
    let y = nounTok >= 0 ? v.entitiesOfArg(nounTok)[0] : undefined;
    if (!y) for (let k = endTok; k < Math.min(endTok + 3, v.tokens.length) && !y; k++) y = v.tokenEntity[k];
    const rel = HYPHEN_REL[m[2]!]!;
    const span = { start: m.index, end: nounTok >= 0 ? Math.max(v.tokens[nounTok]!.end, m.index + m[0].length) : m.index + m[0].length };
    if (rel === 'supports' || rel === 'leads') c.add(rel, x, y, span);
    else c.add(rel, y, x, span);
  }
}

/** Roles and places: "the Iranian Ambassador in Baghdad" represents Iran, located in Baghdad. */
function rolesAndPlaces(c: RelationCollector): void {
  const { v } = c;
  v.tokens.forEach((_, i) => {
    // "the Kurdish Rudaw network": a generic head whose name is a compound; its modifiers describe
    // the named organisation
    const own = v.tokenEntity[i] ?? v.kids(i, 'compound', 'flat').map((k) => v.tokenEntity[k]).find((e) => e !== undefined && v.entityById.get(e)?.type === 'ORGANIZATION');
    if (!own) return;
    const ent = v.entityById.get(own)!;
    if (ent.type === 'LOCATION') return;
    const lemma = v.lemma(i);
    // demonym or possessor on a role noun → represents; on an organisation → located_in
    for (const k of v.kids(i, 'amod', 'nmod:poss', 'compound')) {
      // inside a longer mention ("the Iranian Ambassador in Baghdad") the demonym has no entity of
      // its own: find the country by the same word used elsewhere in the document
      const place: string | undefined = v.tokenEntity[k] !== own ? v.tokenEntity[k] : placeByWord(c, v.lower(k));
      if (!place || place === own || v.entityById.get(place)?.type !== 'LOCATION') continue;
      if (REPRESENT_TITLES.has(lemma)) c.add('represents', own, place, c.span(k, i));
      else if (ent.type === 'ORGANIZATION' && v.baseDep(k) === 'amod') c.add('located_in', own, place, c.span(k, i));
    }
    for (const k of v.kids(i, 'nmod')) {
      const cs = v.caseOf(k);
      const es = v.entitiesOfNominal(k);
      for (const e of es) {
        const target = v.entityById.get(e);
        if (!target || e === own) continue;
        if ((cs === 'in' || cs === 'at' || cs === 'based in') && target.type === 'LOCATION') c.add('located_in', own, e, c.span(i, k));
        if ((cs === 'for' || cs === 'of' || cs === 'to') && REPRESENT_TITLES.has(lemma) && target.type !== 'PERSON') {
          c.add(cs === 'to' ? 'located_in' : 'represents', own, e, c.span(i, k));
        }
        if (cs === 'of' && MEMBER_WORDS.has(lemma) && target.type === 'ORGANIZATION') c.add('member_of', own, e, c.span(i, k));
      }
    }
    // "X, a member/part of Y"
    for (const k of v.kids(i, 'appos')) {
      if (!MEMBER_WORDS.has(v.lemma(k))) continue;
      for (const o of v.kids(k, 'nmod').filter((j) => v.caseOf(j) === 'of')) {
        for (const e of v.entitiesOfArg(o)) c.add(v.lemma(k) === 'part' ? 'part_of' : 'member_of', own, e, c.span(i, o));
      }
    }
  });
}

/**
 * Roles the entity resolver attached ("the Deputy Commander of the al-Quds Force, Mohammad Reza
 * Fallahzadeh" → role {Deputy Commander, of: Quds Force}): commands / leads / represents, whatever
 * shape the parse took. Evidence: the title and the name in the sentence that introduces them.
 */
function fromRoles(c: RelationCollector): void {
  for (const e of c.doc.entities) {
    const role = e.role;
    if (!role?.of || role.of === e.id) continue;
    const head = role.title.toLowerCase().split(/\s+/).pop() ?? '';
    const type: RelationType | undefined = COMMAND_TITLES.has(head) ? 'commands' : LEAD_TITLES.has(head) ? 'leads' : REPRESENT_TITLES.has(head) ? 'represents' : undefined;
    const m = e.mentions[0];
    if (!type || !m) continue;
    const si = c.doc.sentenceAt(m.start);
    const sent = si >= 0 ? c.doc.sentences[si]! : m;
    const t = c.doc.text.slice(sent.start, sent.end).indexOf(role.title);
    const evidence = t < 0 ? { start: m.start, end: m.end } : { start: Math.min(m.start, sent.start + t), end: Math.max(m.end, sent.start + t + role.title.length) };
    c.add(type, e.id, role.of, evidence);
  }
}

/** A LOCATION entity one of whose mentions is exactly `word` ("Iranian" → Iran). */
function placeByWord(c: RelationCollector, word: string): string | undefined {
  if (!/^[a-z]/.test(word)) return undefined;
  return c.doc.entities.find((e) => e.type === 'LOCATION' && e.mentions.some((m) => m.text.toLowerCase() === word))?.id;
}

/** Knowledge-base codes (country + sector): state organs are part of their state, outlets and firms located in it. */
function fromKb(c: RelationCollector): void {
  const byCountry = new Map<string, string>();
  for (const e of c.doc.entities) if (e.type === 'LOCATION' && e.kb?.code && /^[A-Z]{3}$/.test(e.kb.code)) byCountry.set(e.kb.code, e.id);
  for (const e of c.doc.entities) {
    const m = /^([A-Z]{3})([A-Z]{3})$/.exec(e.kb?.code ?? '');
    if (!m || e.type !== 'ORGANIZATION') continue;
    const country = byCountry.get(m[1]!);
    const first = e.mentions[0];
    if (!country || !first) continue;
    const type: RelationType | undefined = STATE_SECTORS.has(m[2]!) ? 'part_of' : BASED_SECTORS.has(m[2]!) ? 'located_in' : undefined;
    if (type) c.add(type, e.id, country, { start: first.start, end: first.end });
  }
}

/** "Turkish Defence Minister Yasar Guler": a title and a country right before a person's name. */
function titledPersons(c: RelationCollector): void {
  const { v, doc } = c;
  for (const e of doc.entities) {
    if (e.type !== 'PERSON') continue;
    for (const m of e.mentions) {
      const [first] = doc.tokenRange(m);
      const sent = v.tokens[first]?.sentence;
      if (sent === undefined) continue;
      let title = -1;
      let place: string | undefined;
      for (let k = first - 1; k >= Math.max(first - 5, doc.sentences[sent]!.firstToken); k--) {
        if (/^[,;:(]$/.test(v.tokens[k]!.text)) break;
        if (REPRESENT_TITLES.has(v.lemma(k))) title = k;
        const own = v.tokenEntity[k];
        const p = own && v.entityById.get(own)?.type === 'LOCATION' ? own : placeByWord(c, v.lower(k));
        if (p && v.entityById.get(p)?.type === 'LOCATION') place ??= p;
        if (place && title >= 0) {
          c.add('represents', e.id, place, { start: v.tokens[k]!.start, end: m.end });
          break;
        }
      }
    }
  }
}

/** "waiting for (Iranian) orders (from X)", "without clear Iranian orders". */
function orders(c: RelationCollector): void {
  const { v, doc } = c;
  v.tokens.forEach((_, i) => {
    if (!ORDER_NOUNS.has(v.lemma(i)) || (v.tokens[i]!.pos !== 'NOUN' && v.tokens[i]!.pos !== '')) return;
    const givers = [
      ...v.kids(i, 'amod', 'compound', 'nmod:poss').flatMap((k) => v.entitiesOfNominal(k)),
      ...v.kids(i, 'nmod').filter((k) => v.caseOf(k) === 'from' || v.caseOf(k) === 'of').flatMap((k) => v.entitiesOfArg(k)),
    ].filter((e) => e !== v.tokenEntity[i]);
    if (givers.length === 0) return;
    // only orders one waits for, acts without, or awaits
    const head = v.tokens[i]!.head;
    const cs = v.caseOf(i);
    const waits = head >= 0 && ['wait', 'await', 'expect'].includes(v.lemma(head));
    if (!waits && cs !== 'without' && cs !== 'pending' && cs !== 'until') return;
    let waiters = head >= 0 ? clauseSources(v, head) : [];
    if (waiters.length === 0 && head >= 0) {
      // "the readiness of the militias and waiting for orders": the "of" argument of the noun it joins
      const up = v.tokens[head]!.head;
      if (up >= 0) waiters = v.kids(up, 'nmod').filter((k) => v.caseOf(k) === 'of').flatMap((k) => v.entitiesOfArg(k));
    }
    if (waiters.length === 0) {
      // otherwise the sentence's first organisation subject
      const s = doc.sentences[v.tokens[i]!.sentence]!;
      for (let k = s.firstToken; k < s.endToken && waiters.length === 0; k++) {
        if (v.baseDep(k) === 'nsubj') waiters = v.entitiesOfArg(k).filter((e) => v.entityById.get(e)?.type === 'ORGANIZATION');
      }
    }
    for (const w of waiters) for (const g of givers) c.add('awaits_orders_from', w, g, c.span(head >= 0 ? Math.min(head, i) : i, i));
  });
}

/** supports / opposes from events that happened or are reported (not negated/conditional/requested). */
function fromEvents(c: RelationCollector): void {
  for (const e of c.doc.events) {
    if (e.modality !== 'asserted' && e.modality !== 'reported') continue;
    const type: RelationType | undefined = e.type === 'SUPPORT' || e.type === 'AID' ? 'supports' : OPPOSING_EVENTS.has(e.type) ? 'opposes' : undefined;
    if (!type) continue;
    const s = c.doc.sentenceAt(e.trigger.start);
    const span = s >= 0 ? c.doc.sentences[s]! : e.trigger;
    for (const from of e.sources) for (const to of e.targets) c.add(type, from, to, { start: span.start, end: span.end }, e.claim);
  }
}

/**
 * The `relations` stage. Reads events when the events stage ran before it (supports/opposes).
 * @example
 *   // "leaders of Iran-aligned factions, including Hezbollah Brigades" →
 *   // factions aligned_with Iran; Hezbollah Brigades member_of factions
 */
export function relationExtractor(_opts: RelationExtractorOptions = {}): Stage {
  return {
    name: 'relations',
    requires: ['deps', 'entities', 'claims', 'events'],
    assigns: ['relations'],
    run(doc: Doc) {
      const c = new RelationCollector(doc, new DocView(doc));
      titles(c);
      groups(c);
      rolesAndPlaces(c);
      titledPersons(c);
      fromRoles(c);
      orders(c);
      fromEvents(c);
      fromKb(c);
      doc.relations = c.out;
    },
  };
}
