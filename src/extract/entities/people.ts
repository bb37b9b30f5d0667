/**
 * @module extract/entities/people
 * Unnamed sets of people named by nationality: "Iraqi politicians", "local Kurdish activists",
 * "some Lebanese analysts". Such a phrase is its own entity, never the country:
 *  - type SOURCE, subtype `people`, `anonymous: false` — unnamed, but identified by what they are
 *    (unlike "informed sources", which hide who they are);
 *  - the nationality word inside stays a mention of its country/region, and the entity's
 *    `nationality` lists that country's entity id;
 *  - "Iraqi politicians" again is the same entity (same nationality and noun); "the politicians"
 *    resumes the latest such set with that noun.
 * State agents ("Iranian officials", "Turkish forces", "Iraqi diplomats") are not handled here:
 * they are the state acting and stay the country (`findDemonyms`).
 */
import { PEOPLE_MODIFIERS, PEOPLE_NOUNS, DEFINITE } from './lexicon.ts';
import { countryOf, type TokenView } from './patterns.ts';
import type { Cand } from './types.ts';

/** People sets with a nationality, and definite resumptions ("the politicians"). */
export function findPeopleGroups(v: TokenView): Cand[] {
  const out: Cand[] = [];
  const n = v.doc.tokens.length;
  for (let h = 0; h < n; h++) {
    if (v.taken[h] || v.nameAt[h]) continue;
    const noun = v.lower(h);
    if (!PEOPLE_NOUNS.has(noun) || !/^\p{Ll}/u.test(v.text(h))) continue;
    let s = h;
    const nationals: Cand[] = [];
    const fresh: Cand[] = [];
    while (s - 1 >= 0 && v.sameSentence(s - 1, h) && !v.taken[s - 1]) {
      const w = v.lower(s - 1);
      const name = v.nameAt[s - 1];
      if (name) {
        // A country name as the nationality: "US lawmakers", "Iraq's Shiite politicians".
        if (name.actor?.subtype !== 'country' || name.t1 !== s) break;
        nationals.unshift(name);
        s = name.t0;
        continue;
      }
      if (/^['’]s$/.test(v.text(s - 1)) && v.nameAt[s - 2]?.actor?.subtype === 'country') {
        s--;
        continue;
      }
      const nation = v.nationality(s - 1);
      if (nation) {
        const c: Cand = { t0: s - 1, t1: s, ...v.span(s - 1, s), kind: 'demonym', label: 'NORP', origin: 'rule', actor: nation };
        nationals.unshift(c);
        fresh.push(c);
      } else if ((w === 'and' || w === ',') && v.nationality(s - 2)) {
        // "Iraqi and Kurdish politicians"
      } else if (!PEOPLE_MODIFIERS.has(w)) break;
      s--;
    }
    // Leading modifiers without a nationality after them are not part of the phrase's identity.
    const det = v.lower(s - 1);
    const definite = DEFINITE.has(det) && v.sameSentence(s - 1, h);
    if (nationals.length === 0) {
      // "the politicians": back to the latest set of politicians, if any (dropped otherwise).
      if (definite && s === h) {
        out.push({ t0: h - 1, t1: h + 1, ...v.span(h - 1, h + 1), kind: 'anaphor', anaphor: 'people', label: 'SOURCE', origin: 'rule', head: noun, plural: true, optional: true });
        v.taken[h - 1] = v.taken[h] = true;
      }
      continue;
    }
    const c: Cand = {
      t0: s, t1: h + 1, ...v.span(s, h + 1), kind: 'people', label: 'SOURCE', origin: 'rule', plural: true,
      head: noun, display: v.slice(s, h + 1), nationality: nationals.map((x) => countryOf(x.actor!)),
      aligned: nationals.map((x) => x.actor!.id), nationals,
    };
    out.push(c, ...fresh);
    for (let i = s; i <= h; i++) if (!v.nameAt[i]) v.taken[i] = true;
  }
  return out;
}
