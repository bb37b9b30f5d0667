/**
 * @module extract/entities/government
 * Government bodies named by their country: "the US Treasury", "the Iraqi Interior Ministry",
 * "Turkey's Foreign Ministry", "the Iranian Ministry of Foreign Affairs". The phrase is one
 * ORGANIZATION (subtype `government`) — linked to the KB when a record fits (the whole phrase, or
 * the body's name among the country's actors: "State Department" of the USA), else keyed and
 * named by country + portfolio ("Ministry of Foreign Affairs (Iraq)") so "the Iraqi Foreign
 * Ministry" and "Iraq's Foreign Ministry" merge, in a document and across documents — and the
 * country word inside stays a mention of the country. A name candidate covering the country alone
 * ("US" in "the US Treasury") is kept as that nested mention; one covering the whole phrase is
 * re-linked from the country to the body.
 */
import type { KbActor } from '../../kb/types.ts';
import { GOV_BODIES, GOV_FIELDS, GOV_FIELD_SYNONYMS } from './lexicon.ts';
import { countryOf, type TokenView } from './patterns.ts';
import type { Cand } from './types.ts';

interface Body {
  /** Token range of the whole body phrase (country to body noun or portfolio). */
  t0: number;
  t1: number;
  nation: KbActor;
  /** Token range of the country word(s). */
  n0: number;
  n1: number;
  /** Portfolio words, folded ("foreign", "interior"), and the body noun. */
  fields: string[];
  body: string;
}

/** The country that a name candidate or a demonym at i names, with the token after it. */
function nationAt(v: TokenView, i: number): { nation: KbActor; end: number } | undefined {
  const name = v.nameStarting[i];
  if (name?.actor?.subtype === 'country') return { nation: name.actor, end: name.t1 };
  const d = v.demonym(i);
  if (d) return { nation: d, end: i + 1 };
  // Inside a longer name ("US Treasury" found whole): its first one or two words.
  if (!name || !/^\p{Lu}/u.test(v.text(i))) return undefined;
  const dem = v.kb.demonym(v.text(i));
  if (dem) return { nation: dem, end: i + 1 };
  for (const end of [i + 2, i + 1]) {
    if (end >= name.t1) continue;
    const c = v.kb.lookup(v.slice(i, end)).find((a) => a.subtype === 'country');
    if (c) return { nation: c, end };
  }
  return undefined;
}

const fold = (w: string): string => GOV_FIELD_SYNONYMS[w] ?? w;

/** Read "COUNTRY['s] [Field]* (Ministry|Department|Treasury) [of Field+]" starting at i. */
function readBody(v: TokenView, i: number): Body | undefined {
  const nat = nationAt(v, i);
  if (!nat) return undefined;
  let k = nat.end;
  if (v.text(k) === "'s" || v.text(k) === '’s') k++;
  const fields: string[] = [];
  while (GOV_FIELDS.has(v.lower(k)) && !GOV_BODIES.has(v.lower(k)) && v.sameSentence(i, k)) fields.push(fold(v.lower(k++)));
  // "Treasury" is both a portfolio and a body: "the US Treasury", "the US Treasury Department".
  if (v.lower(k) === 'treasury' && GOV_BODIES.has(v.lower(k + 1))) fields.push(v.lower(k++));
  const body = v.lower(k);
  if (!GOV_BODIES.has(body) || !v.sameSentence(i, k)) return undefined;
  // A capital on the body noun or a portfolio: a name, not "the Iraqi state department store".
  if (!/^\p{Lu}/u.test(v.text(k)) && fields.length === 0) return undefined;
  let t1 = k + 1;
  if (v.lower(t1) === 'of' && GOV_FIELDS.has(v.lower(t1 + 1))) {
    t1++;
    while (GOV_FIELDS.has(v.lower(t1)) && v.sameSentence(i, t1)) fields.push(fold(v.lower(t1++)));
  }
  if (body !== 'treasury' && fields.filter(Boolean).length === 0) return undefined;
  return { t0: i, t1, nation: nat.nation, n0: i, n1: nat.end, fields: fields.filter(Boolean), body };
}

/** Portfolio names for canonical body names ("foreign" -> "Foreign Affairs"). */
const PORTFOLIO: Record<string, string> = { foreign: 'Foreign Affairs', home: 'Home Affairs', state: 'State' };
const title = (w: string): string => PORTFOLIO[w] ?? w.charAt(0).toUpperCase() + w.slice(1);

/**
 * The name an unlinked body gets, the same however it is written, so documents merge it:
 * "the Iraqi Interior Ministry", "Iraq's Ministry of Interior" -> "Ministry of Interior (Iraq)".
 */
function bodyName(b: Pick<Body, 'nation' | 'fields' | 'body'>): string {
  const fields = b.fields.filter((f) => f !== 'treasury');
  if (b.body === 'treasury' || (fields.length === 0 && b.fields.includes('treasury'))) return `Treasury (${b.nation.name})`;
  const head = b.body === 'department' ? 'Department' : 'Ministry';
  return `${head} of ${fields.map(title).join(' and ')} (${b.nation.name})`;
}

/** A KB record for the body: the whole phrase, or the body's own name among the country's actors. */
function lookupBody(v: TokenView, b: Body): KbActor | undefined {
  const isGov = (a: KbActor): boolean => a.type === 'ORGANIZATION' && a.country === countryOf(b.nation) && /government|military|intelligence|police/.test(a.subtype ?? '');
  const whole = v.slice(b.t0, b.t1);
  const rest = v.slice(b.n1 + (/^['’]s$/.test(v.text(b.n1)) ? 1 : 0), b.t1);
  for (const text of [whole, `${b.nation.name} ${rest}`, rest]) {
    const a = v.kb.lookup(text).find(isGov);
    if (a) return a;
  }
  return undefined;
}

/** Government bodies named by country; see the module comment. */
export function findGovernmentBodies(v: TokenView): Cand[] {
  const out: Cand[] = [];
  const n = v.doc.tokens.length;
  for (let i = 0; i < n; i++) {
    if (v.taken[i]) continue;
    const cover = v.nameAt[i];
    // Inside a longer name ("Iraqi Interior Ministry" from the NER): only at its first token.
    if (cover && cover.t0 !== i) continue;
    const b = readBody(v, i);
    if (!b) continue;
    const actor = lookupBody(v, b);
    const whole = cover && cover.t1 === b.t1 && cover.t0 === b.t0 ? cover : undefined;
    // The country word(s) as their own mention, unless a name candidate already is exactly that.
    const nationName = v.nameStarting[b.n0];
    const nested: Cand | undefined = nationName && nationName.t1 === b.n1 && nationName !== whole
      ? undefined
      : { t0: b.n0, t1: b.n1, ...v.span(b.n0, b.n1), kind: 'demonym', label: 'NORP', origin: 'rule', actor: b.nation };
    const key = `gov:${countryOf(b.nation)}:${[...b.fields].sort().join('_')}:${b.body === 'treasury' ? 'ministry' : b.body}`;
    if (whole) {
      // The NER or the KB scan gave the whole phrase: link it to the body, not to the country.
      if (!whole.actor || whole.actor.subtype === 'country') {
        if (actor) whole.actor = actor;
        else delete whole.actor;
        whole.label = 'ORG';
        whole.subtype = 'government';
        if (actor) delete whole.mergeKey;
        else {
          whole.mergeKey = key;
          whole.display = bodyName(b);
        }
      }
      if (nested) out.push(nested);
    } else {
      // Tokens after the country may be another name candidate ("Treasury" alone): it becomes part
      // of the body, unless a longer name runs through the end of the phrase.
      const inside = new Set<Cand>();
      for (let k = b.n1; k < b.t1; k++) if (v.nameAt[k] && v.nameAt[k] !== nationName) inside.add(v.nameAt[k]!);
      if ([...inside].some((c) => c.t1 > b.t1 || c.t0 < b.t0)) continue;
      for (const c of inside) c.absorbed = true;
      const c: Cand = {
        t0: b.t0, t1: b.t1, ...v.span(b.t0, b.t1), kind: 'name', label: 'ORG', origin: 'rule', subtype: 'government',
        display: bodyName(b),
      };
      if (actor) c.actor = actor;
      else c.mergeKey = key;
      out.push(c);
      if (nested) out.push(nested);
    }
    for (let k = b.t0; k < b.t1; k++) v.taken[k] = true;
    i = b.t1 - 1;
  }
  return out;
}
