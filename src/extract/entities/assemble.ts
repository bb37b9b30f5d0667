/**
 * @module extract/entities/assemble
 * Merge candidates into entities: KB-linked names by KB id; other names by normalised name and
 * type, one-word person names to an earlier full name ending in that word, acronyms introduced in
 * parentheses; groups to the latest compatible group; anaphors to the latest compatible
 * antecedent; places geocoded with document context. Entity ids are e1, e2, … in order of first
 * mention.
 */
import type { Doc, Entity, EntityType, GeoRef, MentionLabel } from '../../nlp/doc.ts';
import type { Gazetteer, Place } from '../../kb/gazetteer.ts';
import type { KnowledgeBase } from '../../kb/knowledge-base.ts';
import { stripTitles } from './candidates.ts';
import type { KbActor } from '../../kb/types.ts';
import { normalizeName } from '../../kb/normalize.ts';
import type { Cand } from './types.ts';

/** The entity type for a mention label. */
export function entityType(label: MentionLabel): EntityType | undefined {
  switch (label) {
    case 'PER': return 'PERSON';
    case 'ORG': return 'ORGANIZATION';
    case 'LOC': return 'LOCATION';
    case 'ROLE': return 'ROLE';
    case 'SOURCE': return 'SOURCE';
    case 'NORP': return 'LOCATION';
    default: return undefined;
  }
}

interface Group {
  entity: Entity;
  key: string;
  nationality: Set<string>;
  aligned: Set<string>;
  medium?: 'newspaper' | 'broadcaster' | 'agency';
  plural?: boolean;
  /** Head nouns a group was named with ("factions", "groups"). */
  heads: Set<string>;
  lastMention: number;
}

// Generic words only: which outlet is which medium is knowledge, kept in the KB's `medium` field.
const NEWSPAPER = /\b(?:newspaper|daily|gazette|journal|weekly)\b/i;
const BROADCASTER = /\b(?:radio|tv|television|broadcaster|channel|network)\b/i;
const AGENCY = /\b(?:agency|wire)\b/i;

/** The medium of an outlet: the KB's word for it, else a generic word in the text or its names. */
function mediumOf(a: KbActor | undefined, text: string): Group['medium'] {
  if (a?.medium) return a.medium;
  const hay = [text, a?.name ?? '', ...(a?.aliases ?? [])].join(' | ');
  if (BROADCASTER.test(text)) return 'broadcaster';
  if (NEWSPAPER.test(hay)) return 'newspaper';
  if (AGENCY.test(hay)) return 'agency';
  if (BROADCASTER.test(hay)) return 'broadcaster';
  return undefined;
}

export interface AssembleContext {
  doc: Doc;
  kb: KnowledgeBase;
  gaz: Gazetteer;
}

export function assemble({ doc, kb, gaz }: AssembleContext, cands: Cand[]): Entity[] {
  cands.sort((a, b) => a.start - b.start || b.end - a.end);
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  const acronyms = new Map<string, Group>();
  const entities: Entity[] = [];

  // Document context for places: countries the document names (KB countries and demonyms).
  const countryCodes: string[] = [];
  const admins: string[] = [];
  const cca2OfActor = (a: KbActor): string | undefined => {
    if (a.subtype !== 'country') return undefined;
    return gaz.candidates(a.name).find((p) => p.kind === 'country')?.country;
  };
  for (const c of cands) {
    const cc = c.actor ? cca2OfActor(c.actor) : undefined;
    if (cc) countryCodes.push(cc);
  }

  const newEntity = (type: EntityType, name: string): Entity => {
    const e: Entity = { id: `e${entities.length + 1}`, type, name, mentions: [] };
    entities.push(e);
    return e;
  };
  const addMention = (g: Group, c: Cand): void => {
    g.entity.mentions.push(doc.textSpan(c));
    g.lastMention = c.start;
    c.entity = g.entity.id;
  };
  const register = (key: string, e: Entity, c: Cand, extra: Partial<Group> = {}): Group => {
    const g: Group = { entity: e, key, nationality: new Set(c.nationality ?? []), aligned: new Set(c.aligned ?? []), heads: new Set(c.head ? [c.head] : []), lastMention: c.start, ...extra };
    groups.push(g);
    byKey.set(key, g);
    return g;
  };
  const latest = (pred: (g: Group) => boolean): Group | undefined => {
    let best: Group | undefined;
    for (const g of groups) if (pred(g) && (!best || g.lastMention > best.lastMention)) best = g;
    return best;
  };
  const geoOf = (place: Place, confidence: number): GeoRef => {
    const geo: GeoRef = { lat: place.lat, lon: place.lon, country: place.country, confidence };
    if (place.geonamesId) geo.geonamesId = place.geonamesId;
    return geo;
  };
  const hintAfter = (c: Cand): { country: string; admin?: string } | undefined => {
    // "Paris, Texas" / "Paris, France": the name after a comma is a hint.
    const comma = doc.tokens[c.t1];
    const next = cands.find((x) => x.t0 === c.t1 + 1);
    if (!comma || comma.text !== ',' || !next) return undefined;
    return gaz.hintFor(doc.text.slice(next.start, next.end));
  };

  const linkEntity = (e: Entity, a: KbActor): void => {
    e.kb = { id: a.id, ...(a.wikidata ? { wikidata: a.wikidata } : {}), ...(a.code ? { code: a.code } : {}) };
    if (a.subtype) e.subtype = a.subtype;
    if (a.type === 'LOCATION') {
      const r = a.subtype === 'country' ? gaz.candidates(a.name).find((p) => p.kind === 'country') : gaz.resolve(a.name, { countries: countryCodes })?.place;
      if (r) e.geo = geoOf(r, a.subtype === 'country' ? 0.99 : 0.8);
    }
  };

  for (const c of cands) {
    const text = doc.text.slice(c.start, c.end);
    if (c.kind === 'anaphor') {
      let g: Group | undefined;
      if (c.anaphor === 'source') g = latest((x) => x.entity.type === 'SOURCE' && compatible(x, c));
      else if (c.anaphor === 'group') {
        // Prefer the group last named with the same noun ("the factions" -> the factions).
        g = latest((x) => x.entity.subtype === 'group' && compatible(x, c) && (c.head === undefined || x.heads.has(c.head))) ??
          latest((x) => x.entity.subtype === 'group' && compatible(x, c));
      }
      else if (c.anaphor === 'people') g = latest((x) => x.entity.subtype === 'people' && c.head !== undefined && x.heads.has(c.head));
      else if (c.anaphor === 'government') g = latest((x) => x.entity.subtype === 'government');
      else if (c.anaphor === 'alliance') g = latest((x) => x.entity.subtype === 'alliance');
      else if (c.anaphor === 'armed_group') g = latest((x) => x.entity.subtype === 'armed_group' || x.entity.subtype === 'political_party');
      else if (c.anaphor) {
        const want = c.anaphor;
        g = latest((x) => x.entity.subtype === 'media_outlet' && (want === 'outlet' || x.medium === want)) ??
          latest((x) => x.entity.subtype === 'media_outlet' && x.medium === undefined);
      }
      if (g) addMention(g, c);
      else if (!c.optional && (c.anaphor === 'source' || c.anaphor === 'group')) {
        // Nothing to point back to: the description introduces its referent.
        const e = newEntity(c.anaphor === 'source' ? 'SOURCE' : 'ORGANIZATION', c.display ?? text);
        if (c.anaphor === 'source') e.anonymous = true;
        else e.subtype = 'group';
        addMention(register(`${c.anaphor}:${c.start}`, e, c, c.plural !== undefined ? { plural: c.plural } : {}), c);
      }
      continue;
    }
    if (c.kind === 'source') {
      const e = newEntity('SOURCE', c.display ?? text);
      e.anonymous = true;
      addMention(register(`source:${c.start}`, e, c, c.plural !== undefined ? { plural: c.plural } : {}), c);
      continue;
    }
    if (c.kind === 'people') {
      // "Iraqi politicians": unnamed but identified people; the same nationality and noun is the same set.
      const key = `people:${[...(c.aligned ?? [])].sort().join('+')}:${c.head ?? ''}`;
      let g = byKey.get(key);
      if (!g) {
        const e = newEntity('SOURCE', c.display ?? text);
        e.subtype = 'people';
        e.anonymous = false;
        g = register(key, e, c);
      }
      addMention(g, c);
      continue;
    }
    if (c.kind === 'group') {
      const fits = (x: Group): boolean => x.entity.subtype === 'group' && compatible(x, c) && (c.nationality !== undefined || c.aligned !== undefined || c.anaphor === 'group');
      const g = (c.anaphor === 'group' ? latest((x) => fits(x) && c.head !== undefined && x.heads.has(c.head)) : undefined) ?? latest(fits);
      if (g) {
        if (c.head) g.heads.add(c.head);
        for (const n of c.nationality ?? []) g.nationality.add(n);
        for (const a of c.aligned ?? []) g.aligned.add(a);
        addMention(g, c);
      } else {
        const e = newEntity('ORGANIZATION', c.display ?? text);
        e.subtype = 'group';
        addMention(register(`group:${c.start}`, e, c), c);
      }
      continue;
    }
    if (c.kind === 'role') {
      const key = `role:${normalizeName(c.display ?? text)}`;
      let g = byKey.get(key);
      if (!g) {
        const e = newEntity('ROLE', c.display ?? text);
        g = register(key, e, c);
      }
      addMention(g, c);
      continue;
    }
    // Names and demonyms.
    const a = c.actor;
    if (a) {
      const key = `kb:${a.id}`;
      let g = byKey.get(key);
      if (!g) {
        const type: EntityType = a.type;
        const e = newEntity(type, a.name);
        linkEntity(e, a);
        g = register(key, e, c, { medium: a.subtype === 'media_outlet' ? mediumOf(a, text) : undefined });
      }
      addMention(g, c);
      registerAcronym(doc, c, g, acronyms);
      continue;
    }
    const type = entityType(c.label) ?? 'ORGANIZATION';
    const bare = type === 'PERSON' ? stripTitles(text, kb) : text;
    const norm = normalizeName(bare);
    const acr = acronyms.get(text);
    if (acr) {
      addMention(acr, c);
      continue;
    }
    const key = c.mergeKey ?? `${type}:${norm}`;
    let g = byKey.get(key);
    if (!g && type === 'PERSON' && !norm.includes(' ')) {
      // A surname: the latest full name of a person ending in it.
      g = latest((x) => x.entity.type === 'PERSON' && normalizeName(x.entity.name).split(' ').at(-1) === norm);
    }
    if (!g && type === 'LOCATION') {
      const hint = hintAfter(c);
      if (hint?.admin) admins.push(`${hint.country}.${hint.admin}`);
      const r = gaz.resolve(text, { countries: countryCodes, admins, ...(hint ? { hint } : {}) });
      if (r) {
        g = byKey.get(`geo:${r.place.id}`);
        if (!g) {
          const e = newEntity('LOCATION', r.place.name);
          e.subtype = subtypeOfPlace(r.place);
          e.geo = geoOf(r.place, r.confidence);
          if (r.place.country && r.place.kind !== 'country') countryCodes.push(r.place.country);
          if (r.place.kind === 'admin1' || (r.confidence >= 0.6 && r.place.admin)) admins.push(`${r.place.country}.${r.place.admin}`);
          g = register(`geo:${r.place.id}`, e, c);
        }
        byKey.set(`${type}:${norm}`, g);
      }
    }
    if (!g) {
      const e = newEntity(type, c.mergeKey && c.display ? c.display : bare.replace(/^the\s+/i, ''));
      if (c.subtype) e.subtype = c.subtype;
      g = register(key, e, c);
    }
    addMention(g, c);
    registerAcronym(doc, c, g, acronyms);
  }

  // Titles on people and roles: "deputy commander" of the Quds Force.
  for (const c of cands) {
    const info = c.personRole ?? c.role;
    if (!info || !c.entity) continue;
    const e = entities.find((x) => x.id === c.entity);
    if (!e || e.role) continue;
    // A role of a nation ("the Iranian Ambassador") is the office of that country's entity.
    const ofId = info.of?.entity ?? (c.aligned?.[0] ? byKey.get(`kb:${c.aligned[0]}`)?.entity.id : undefined);
    e.role = { title: info.title.replace(/^(the|a|an)\s+/i, ''), ...(ofId ? { of: ofId } : {}) };
  }
  // Unnamed sets of people: the countries/regions they are identified by.
  for (const c of cands) {
    if (!c.nationals || !c.entity) continue;
    const e = entities.find((x) => x.id === c.entity);
    const ids = c.nationals.flatMap((x) => (x.entity ? [x.entity] : []));
    if (e && ids.length > 0) e.nationality = [...new Set([...(e.nationality ?? []), ...ids])];
  }
  // Groups and anonymous sources described by nationality ("armed Iraqi factions", "informed
  // Iraqi sources"): the countries' entities, when the document has them.
  for (const g of groups) {
    if (g.entity.nationality || g.nationality.size === 0) continue;
    if (g.entity.type !== 'SOURCE' && g.entity.subtype !== 'group') continue;
    const ids = [...g.nationality].flatMap((iso) => byKey.get(`kb:country_${iso.toLowerCase()}`)?.entity.id ?? []);
    if (ids.length > 0) g.entity.nationality = [...new Set(ids)];
  }
  // Names of persons: the longest mention is the fullest name.
  for (const e of entities) {
    if (e.type === 'PERSON' && !e.kb) {
      const longest = e.mentions.map((m) => stripTitles(m.text, kb)).reduce((b, t) => (t.length > b.length ? t : b), e.name);
      e.name = longest;
    }
  }
  return entities;
}

function compatible(g: Group, c: Cand): boolean {
  for (const n of c.nationality ?? []) if (g.nationality.size > 0 && !g.nationality.has(n)) return false;
  if ((c.nationality?.length ?? 0) > 0 && g.nationality.size === 0 && g.aligned.size === 0) return false;
  for (const a of c.aligned ?? []) if (g.aligned.size > 0 && !g.aligned.has(a)) return false;
  return true;
}

function subtypeOfPlace(p: Place): string {
  if (p.kind === 'country') return 'country';
  if (p.kind.startsWith('PPL')) return 'city';
  return p.kind;
}

/** "Popular Front (PF)": remember PF as another name of this entity in the document. */
function registerAcronym(doc: Doc, c: Cand, g: Group, acronyms: Map<string, Group>): void {
  const open = doc.tokens[c.t1];
  const acr = doc.tokens[c.t1 + 1];
  const close = doc.tokens[c.t1 + 2];
  if (!open || !acr || !close || open.text !== '(' || close.text !== ')') return;
  if (!/^[A-Z][A-Z0-9-]{1,9}$/.test(acr.text)) return;
  const initials = doc.text.slice(c.start, c.end).split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join('');
  if (initials.length >= 2 && acr.text.replace(/-/g, '').startsWith(initials.slice(0, 2))) acronyms.set(acr.text, g);
}
