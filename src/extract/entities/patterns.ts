/**
 * @module extract/entities/patterns
 * Token-pattern rules for referents that are not proper names:
 *  - titles: "the Iranian Ambassador in Baghdad" (ROLE), "the Deputy Commander of X, NAME"
 *    (the title goes to the PERSON);
 *  - anonymous sources: "informed Iraqi sources", "a senior official" and anaphoric "the same
 *    sources";
 *  - groups: "armed Iraqi factions allied with Iran", "Iran-aligned factions", "these armed groups";
 *  - nationality words acting: "the Iranians", "Iranian officials", "Iranian orders";
 *  - definite descriptions of outlets and alliances: "the newspaper", "the alliance".
 * Each rule reads tokens (and UPOS when a tagger ran) and returns candidates; `covered` marks
 * tokens already inside a name candidate so rules do not re-read them.
 */
import type { Doc } from '../../nlp/doc.ts';
import type { KnowledgeBase } from '../../kb/knowledge-base.ts';
import type { KbActor } from '../../kb/types.ts';
import {
  TITLES, TITLE_MODIFIERS, TITLE_PREPS, SOURCE_NOUNS, SOURCE_MODIFIERS, ANON_PERSON_NOUNS, DEFINITE,
  GROUP_NOUNS, GROUP_MODIFIERS, ALIGN_SUFFIXES, ALIGN_WORDS, ACTING_PEOPLE, ACTING_THINGS, DESCRIPTION_HEADS,
} from './lexicon.ts';
import type { Cand } from './types.ts';

export class TokenView {
  readonly doc: Doc;
  readonly kb: KnowledgeBase;
  /** Name candidate covering each token. */
  readonly nameAt: (Cand | undefined)[];
  /** Name candidate starting at each token. */
  readonly nameStarting: (Cand | undefined)[];
  readonly taken: boolean[];
  /** KB ids of the actors the document names and of those they are affiliated with (context for regional demonyms). */
  readonly named: Set<string>;

  constructor(doc: Doc, kb: KnowledgeBase, names: Cand[]) {
    this.doc = doc;
    this.kb = kb;
    // "the Kurdistan Regional Government" (which leads the Kurdistan Region) names the region's context too.
    this.named = new Set(names.flatMap((c) => (c.actor ? [c.actor.id, ...(c.actor.affiliations ?? []).map((f) => f.target)] : [])));
    this.nameAt = new Array(doc.tokens.length).fill(undefined);
    this.nameStarting = new Array(doc.tokens.length).fill(undefined);
    this.taken = new Array(doc.tokens.length).fill(false);
    for (const c of names) {
      this.nameStarting[c.t0] = c;
      for (let i = c.t0; i < c.t1; i++) this.nameAt[i] = c;
    }
  }

  /** Register a candidate found by a rule as a name (so titles can point to it: "spokesman for X"). */
  addName(c: Cand): void {
    this.nameStarting[c.t0] = c;
    for (let i = c.t0; i < c.t1; i++) this.nameAt[i] = c;
  }

  text(i: number): string {
    return this.doc.tokens[i]?.text ?? '';
  }

  lower(i: number): string {
    return this.text(i).toLowerCase();
  }

  sameSentence(i: number, j: number): boolean {
    const a = this.doc.tokens[i];
    const b = this.doc.tokens[j];
    return a !== undefined && b !== undefined && a.sentence === b.sentence;
  }

  /** The country actor a capitalised nationality word names ("Iranian" -> Iran). */
  demonym(i: number): KbActor | undefined {
    const t = this.text(i);
    if (!/^\p{Lu}/u.test(t) || this.nameAt[i]) return undefined;
    return this.kb.demonym(t);
  }

  /**
   * The region a capitalised regional demonym names ("Kurdish" -> Kurdistan Region), only when the
   * document names that region: the word alone is ambiguous across countries.
   */
  regionDemonym(i: number): KbActor | undefined {
    const t = this.text(i);
    if (!/^\p{Lu}/u.test(t) || this.nameAt[i]) return undefined;
    return this.kb.regionDemonyms(t).find((a) => this.named.has(a.id));
  }

  /** A country or (named) region demonym at i. */
  nationality(i: number): KbActor | undefined {
    return this.demonym(i) ?? this.regionDemonym(i);
  }

  /** "Iran - aligned" starting at i: the actor and the index after the suffix. */
  alignedCompound(i: number): { actor: KbActor; end: number } | undefined {
    const name = this.nameStarting[i];
    const after = name ? name.t1 : i + 1;
    if (this.text(after) !== '-' || !ALIGN_SUFFIXES.has(this.lower(after + 1))) return undefined;
    const actor = name?.actor ?? this.kb.demonym(this.text(i)) ?? (/^\p{Lu}/u.test(this.text(i)) ? this.kb.best(this.text(i)) : undefined);
    return actor ? { actor, end: after + 2 } : undefined;
  }

  span(t0: number, t1: number): { start: number; end: number } {
    return { start: this.doc.tokens[t0]!.start, end: this.doc.tokens[t1 - 1]!.end };
  }

  slice(t0: number, t1: number): string {
    const { start, end } = this.span(t0, t1);
    return this.doc.text.slice(start, end);
  }

  isPersonName(c: Cand | undefined): c is Cand {
    return c !== undefined && (c.actor ? c.actor.type === 'PERSON' : c.label === 'PER');
  }
}

export const countryOf = (a: KbActor): string => a.country ?? a.code?.slice(0, 3) ?? a.id;

/** Titles: ROLE candidates, or role info attached to the PERSON named beside the title. */
export function findRoles(v: TokenView): Cand[] {
  const out: Cand[] = [];
  const n = v.doc.tokens.length;
  for (let h = 0; h < n; h++) {
    if (v.taken[h] || v.nameAt[h] || !TITLES.has(v.lower(h))) continue;
    // h is the head of a title run only if the next token does not continue it.
    if (TITLES.has(v.lower(h + 1)) && v.sameSentence(h, h + 1) && !v.nameAt[h + 1]) continue;
    let s = h;
    let nation: KbActor | undefined;
    while (s - 1 >= 0 && v.sameSentence(s - 1, h) && !v.nameAt[s - 1]) {
      const w = v.lower(s - 1);
      const d = v.demonym(s - 1);
      if (TITLE_MODIFIERS.has(w) || TITLES.has(w)) s--;
      else if (d) {
        nation ??= d;
        s--;
      } else break;
    }
    const det = /^(the|a|an)$/.test(v.lower(s - 1)) && v.sameSentence(s - 1, h);
    const capitalTitle = /^\p{Lu}/u.test(v.text(h));
    // "of/in X": the organisation or place the office belongs to.
    let end = h + 1;
    let of: Cand | undefined;
    if (TITLE_PREPS.has(v.lower(h + 1))) {
      let k = h + 2;
      if (/^(the|a)$/.test(v.lower(k))) k++;
      const target = v.nameStarting[k];
      if (target && v.sameSentence(h, k)) {
        of = target;
        end = target.t1;
      }
    }
    // The title without the nationality word: "Iranian Ambassador" -> "Ambassador".
    let ts = s;
    while (ts < h && v.demonym(ts)) ts++;
    const title = v.slice(ts, h + 1);
    const prep = v.lower(h + 1);
    const person = v.nameStarting[end + 1];
    // "TITLE of X, NAME" (apposition) or "TITLE NAME".
    if (v.text(end) === ',' && v.isPersonName(person)) {
      person.personRole = { title, ...(of ? { of } : {}) };
      continue;
    }
    if (v.isPersonName(v.nameStarting[h + 1]) && capitalTitle) {
      v.nameStarting[h + 1]!.personRole = { title, ...(of ? { of } : {}) };
      continue;
    }
    // "NAME, the TITLE of X".
    const before = v.nameAt[s - (det ? 3 : 2)];
    if (v.text(s - (det ? 2 : 1)) === ',' && v.isPersonName(before)) {
      before.personRole ??= { title, ...(of ? { of } : {}) };
      continue;
    }
    // An unnamed office holder needs a determiner and something that makes it specific.
    const specific = of !== undefined || nation !== undefined || capitalTitle;
    if (!det || !specific) continue;
    if (/^(official|officer|leader|head|chief|deputy)$/.test(v.lower(h)) && !of) continue;
    const t0 = s - 1;
    const c: Cand = {
      t0, t1: end, ...v.span(t0, end), kind: 'role', label: 'ROLE', origin: 'rule',
      role: { title, ...(of ? { of } : {}) }, display: v.slice(s, end),
    };
    if (nation) {
      c.nationality = [countryOf(nation)];
      c.aligned = [nation.id];
      // "the Iranian Ambassador in Baghdad": the office is Iran's; Baghdad is where it sits.
      if (prep === 'in' || prep === 'at' || !of) delete c.role!.of;
    }
    out.push(c);
    for (let i = t0; i < end; i++) if (!v.nameAt[i]) v.taken[i] = true;
  }
  return out;
}

/** Anonymous sources and their anaphors. */
export function findSources(v: TokenView): Cand[] {
  const out: Cand[] = [];
  const n = v.doc.tokens.length;
  for (let h = 0; h < n; h++) {
    if (v.taken[h] || v.nameAt[h]) continue;
    const w = v.lower(h);
    const isSourceNoun = SOURCE_NOUNS.has(w);
    const isPersonNoun = !isSourceNoun && ANON_PERSON_NOUNS.has(w);
    if (!isSourceNoun && !isPersonNoun) continue;
    let s = h;
    let same = false;
    let mods = 0;
    const nationality: string[] = [];
    while (s - 1 >= 0 && v.sameSentence(s - 1, h) && !v.taken[s - 1]) {
      const m = v.lower(s - 1);
      const name = v.nameAt[s - 1];
      // A country name used as a modifier: "a senior US official".
      if (name) {
        if (name.actor?.subtype !== 'country' || name.t1 !== s) break;
        nationality.push(countryOf(name.actor));
        name.absorbed = true; // the nationality of the source, not a mention of the country acting
        mods++;
        s = name.t0;
        continue;
      }
      const d = v.demonym(s - 1);
      if (m === 'same') same = true;
      else if (d) nationality.push(countryOf(d));
      else if (!SOURCE_MODIFIERS.has(m)) break;
      mods++;
      s--;
    }
    const det = v.lower(s - 1);
    const definite = DEFINITE.has(det) && v.sameSentence(s - 1, h);
    const indefinite = /^(a|an|one)$/.test(det);
    const plural = w.endsWith('s');
    if (isPersonNoun && definite && !plural && mods === 0) {
      // "The official said": back to an anonymous official introduced earlier, if any.
      out.push({ t0: s - 1, t1: h + 1, ...v.span(s - 1, h + 1), kind: 'anaphor', anaphor: 'source', label: 'SOURCE', origin: 'rule', plural, optional: true });
      continue;
    }
    if (isPersonNoun) {
      // "a senior official", "an Iraqi official": an anonymous person; plural "officials" are left to demonym rules.
      if (!indefinite || plural || v.isPersonName(v.nameStarting[h + 2]) && v.text(h + 1) === ',') continue;
      if (v.lower(h + 1) === 'of' || v.text(h + 1) === ',' && v.isPersonName(v.nameStarting[h + 2])) continue;
    }
    const t0 = definite || indefinite ? s - 1 : s;
    // "sources close to X", "sources in X": keep X inside the phrase.
    let end = h + 1;
    if (/^(close|familiar|in|within|inside|from)$/.test(v.lower(h + 1))) {
      let k = h + 2;
      if (/^(to|with)$/.test(v.lower(k))) k++;
      if (/^the$/.test(v.lower(k))) k++;
      const target = v.nameStarting[k];
      if (target && v.sameSentence(h, k)) end = target.t1;
    }
    const c: Cand = { t0, t1: end, ...v.span(t0, end), kind: definite || same ? 'anaphor' : 'source', label: 'SOURCE', origin: 'rule', plural };
    if (c.kind === 'anaphor') c.anaphor = 'source';
    if (nationality.length > 0) c.nationality = nationality;
    c.display = v.slice(definite || indefinite ? s : t0, end);
    // A bare "sources" with a demonym/modifier is an introduction; a bare plural noun without any is too.
    if (c.kind === 'source' && mods === 0 && !indefinite && !isSourceNoun) continue;
    out.push(c);
    for (let i = t0; i < h + 1; i++) v.taken[i] = true;
  }
  return out;
}

/** Groups of actors: introductions and resumptions, with nationality and alignment. */
export function findGroups(v: TokenView): Cand[] {
  const out: Cand[] = [];
  const n = v.doc.tokens.length;
  for (let h = 0; h < n; h++) {
    if (v.taken[h] || v.nameAt[h] || !GROUP_NOUNS.has(v.lower(h))) continue;
    let s = h;
    const nationality: string[] = [];
    const aligned: string[] = [];
    let modifiers = 0;
    while (s - 1 >= 0 && v.sameSentence(s - 1, h) && !v.taken[s - 1]) {
      const m = v.lower(s - 1);
      // "Iran - aligned": walk back over the compound.
      if (ALIGN_SUFFIXES.has(m) && v.text(s - 2) === '-') {
        const nameEnd = s - 2;
        const name = v.nameAt[nameEnd - 1];
        const start = name ? name.t0 : nameEnd - 1;
        const comp = v.alignedCompound(start);
        if (comp && comp.end === s) {
          aligned.push(comp.actor.id);
          s = start;
          modifiers++;
          continue;
        }
      }
      if (v.nameAt[s - 1]) break;
      const d = v.demonym(s - 1);
      if (d) nationality.push(countryOf(d));
      else if (m === 'and' || m === ',') {
        if (!v.demonym(s - 2)) break;
      } else if (!GROUP_MODIFIERS.has(m)) break;
      else modifiers++;
      s--;
    }
    const noun = v.lower(h);
    // "resistance" and "forces" name a group only with a nationality or alignment.
    if ((noun === 'resistance' || noun === 'forces') && nationality.length === 0 && aligned.length === 0) continue;
    if (noun === 'forces' && aligned.length === 0 && modifiers === 0) continue; // "Iranian forces": the nation acting
    // "allied with Iran", "loyal to X", "backed by X".
    let end = h + 1;
    if (ALIGN_WORDS.has(v.lower(h + 1)) && /^(with|to|by)$/.test(v.lower(h + 2))) {
      const target = v.nameStarting[h + 3];
      const d = target ? undefined : v.demonym(h + 3);
      if (target?.actor) {
        aligned.push(target.actor.id);
        end = target.t1;
      } else if (d) {
        aligned.push(d.id);
        end = h + 4;
      }
    }
    const det = v.lower(s - 1);
    const definite = DEFINITE.has(det) && v.sameSentence(s - 1, h);
    const t0 = definite ? s - 1 : s;
    const described = nationality.length > 0 || aligned.length > 0 || modifiers > 0;
    if (!definite && !described) continue;
    const c: Cand = {
      t0, t1: end, ...v.span(t0, end), kind: 'group', label: 'ORG', origin: 'rule', plural: true,
      display: v.slice(s, end), head: noun,
    };
    if (nationality.length > 0) c.nationality = nationality;
    if (aligned.length > 0) c.aligned = aligned;
    if (definite) c.anaphor = 'group';
    out.push(c);
    for (let i = t0; i < h + 1; i++) v.taken[i] = true;
  }
  return out;
}

/** Nationality words acting as their country. */
export function findDemonyms(v: TokenView): Cand[] {
  const out: Cand[] = [];
  const n = v.doc.tokens.length;
  for (let i = 0; i < n; i++) {
    if (v.taken[i]) continue;
    const country = v.nationality(i);
    if (!country) continue;
    const word = v.text(i);
    const plural = /s$/.test(word) && v.kb.demonym(word.slice(0, -1))?.id === country.id;
    // "the Kurdish Rudaw network", "the Iranian Tasnim agency": the nationality of a named organisation.
    const org = v.nameStarting[i + 1];
    if (org && (org.actor ? org.actor.type === 'ORGANIZATION' : org.label === 'ORG')) {
      out.push({ t0: i, t1: i + 1, ...v.span(i, i + 1), kind: 'demonym', label: 'NORP', origin: 'rule', actor: country });
      v.taken[i] = true;
      continue;
    }
    // The head after coordinated nationality adjectives: "American and Israeli interests".
    let k = i + 1;
    while ((v.lower(k) === 'and' || v.lower(k) === ',' || v.lower(k) === 'or') && v.demonym(k + 1)) k += 2;
    const head = v.lower(k);
    let t1 = i + 1;
    if (!plural) {
      if (ACTING_PEOPLE.has(head) && k === i + 1) t1 = k + 1;
      else if (!ACTING_PEOPLE.has(head) && !ACTING_THINGS.has(head)) continue;
    }
    const c: Cand = { t0: i, t1, ...v.span(i, t1), kind: 'demonym', label: 'NORP', origin: 'rule', actor: country };
    out.push(c);
    for (let j = i; j < t1; j++) v.taken[j] = true;
  }
  return out;
}

/** "the newspaper", "the radio", "the alliance": definite descriptions of named organisations. */
export function findDescriptions(v: TokenView): Cand[] {
  const out: Cand[] = [];
  const n = v.doc.tokens.length;
  for (let h = 1; h < n; h++) {
    if (v.taken[h] || v.nameAt[h]) continue;
    const target = DESCRIPTION_HEADS[v.lower(h)];
    if (!target || !/^\p{Ll}/u.test(v.text(h))) continue;
    if (!/^(the|this|that)$/.test(v.lower(h - 1)) || !v.sameSentence(h - 1, h)) continue;
    // "the group of ..." / "the newspaper Al-X": not a bare description.
    if (v.lower(h + 1) === 'of' || v.nameStarting[h + 1] || v.text(h + 1) === "'s") continue;
    const c: Cand = { t0: h - 1, t1: h + 1, ...v.span(h - 1, h + 1), kind: 'anaphor', label: 'ORG', origin: 'rule', anaphor: target };
    out.push(c);
    v.taken[h - 1] = v.taken[h] = true;
  }
  return out;
}
