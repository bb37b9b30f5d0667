/**
 * @module kb/gazetteer
 * Place lookup with homonym resolution. Names are matched on their normalised key
 * (`normalizeName`), so "Deir al-Zour", "Deir ez-Zor" and "Dayr az Zawr" meet. Among homonyms
 * (Paris, France / Paris, Texas) the document context decides: countries mentioned in the
 * document, admin hints ("Paris, Texas"), then prominence (countries > regions > capitals >
 * seats > population). `resolve` says how sure it is with a softmax over candidate scores.
 */
import { normalizeName } from './normalize.ts';

/** [id, name, country (ISO alpha-2, '' for none), kind, admin, population, lat, lon, geonamesId (0 = none), aliases] */
export type PlaceRow = [string, string, string, string, string, number, number, number, number, string[]];

export interface Place {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2, '' for seas and continents. */
  country: string;
  /** GeoNames feature code (PPLC, PPLA, PPL, …) or country/admin1/region/water/continent/district. */
  kind: string;
  admin: string;
  population: number;
  lat: number;
  lon: number;
  geonamesId?: number;
}

export interface GeoContext {
  /** ISO alpha-2 codes of countries the document mentions (more weight for each mention). */
  countries?: Iterable<string>;
  /** First-level divisions the document's other places lie in, as "CC.ADMIN" ("US.NJ"). */
  admins?: Iterable<string>;
  /** Admin/country hints next to the name ("Paris, Texas" -> {country:'US', admin:'TX'}). */
  hint?: { country: string; admin?: string };
}

export interface GeoResolution {
  place: Place;
  /** In [0,1]: the chosen candidate's share of the evidence. */
  confidence: number;
  /** How many places carry that name. */
  candidates: number;
}

const KIND_WEIGHT: Record<string, number> = {
  country: 4, admin1: 2.2, region: 2.2, continent: 2.5, water: 2, district: 1, PPLC: 1.6, PPLA: 1, PPLA2: 0.4,
  PPLG: 0.6, PPL: 0, PPLX: -0.3,
};

function toPlace(r: PlaceRow): Place {
  const p: Place = { id: r[0], name: r[1], country: r[2], kind: r[3], admin: r[4], population: r[5], lat: r[6], lon: r[7] };
  if (r[8] > 0) p.geonamesId = r[8];
  return p;
}

/** Great-circle distance in km. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export class Gazetteer {
  readonly #byKey = new Map<string, Place[]>();
  readonly #byId = new Map<string, Place>();
  readonly #countries = new Map<string, Place>();

  constructor(rows: readonly PlaceRow[]) {
    const byKey = this.#byKey;
    const byId = this.#byId;
    // a place's keys: its name's, then its aliases' not seen before for it (most places have none)
    const keys: string[] = [];
    for (const r of rows) {
      const p = toPlace(r);
      byId.set(p.id, p);
      if (p.kind === 'country') this.#countries.set(p.country, p);
      keys.length = 0;
      keys.push(normalizeName(p.name));
      for (const a of r[9]) {
        const k = normalizeName(a);
        if (!keys.includes(k)) keys.push(k);
      }
      for (const k of keys) {
        if (k === '') continue;
        const list = byKey.get(k);
        if (list) list.push(p);
        else byKey.set(k, [p]);
      }
    }
  }

  get size(): number {
    return this.#byId.size;
  }

  get(id: string): Place | undefined {
    return this.#byId.get(id);
  }

  /** The country place for an ISO alpha-2 code. */
  country(cca2: string): Place | undefined {
    return this.#countries.get(cca2.toUpperCase());
  }

  /** Every place that carries this name (or alias). */
  candidates(name: string): Place[] {
    return this.#byKey.get(normalizeName(name)) ?? [];
  }

  /** Every normalised name with its places (for dictionary scanning). */
  *names(): IterableIterator<[string, Place[]]> {
    yield* this.#byKey.entries();
  }

  /** True when some place has this name. */
  has(name: string): boolean {
    return this.#byKey.has(normalizeName(name));
  }

  /**
   * Read a name as a context hint: a country ("France" -> {country:'FR'}) or a first-level
   * division ("Texas" -> {country:'US', admin:'TX'}).
   */
  hintFor(name: string): { country: string; admin?: string } | undefined {
    const cands = this.candidates(name);
    const c = cands.find((p) => p.kind === 'country');
    if (c) return { country: c.country };
    const a = cands.find((p) => p.kind === 'admin1');
    return a ? { country: a.country, admin: a.admin } : undefined;
  }

  /**
   * Pick the place a name most likely refers to in this context.
   * @example gaz.resolve('Paris', { hint: { country: 'US', admin: 'TX' } })?.place.admin // 'TX'
   */
  resolve(name: string, ctx: GeoContext = {}): GeoResolution | undefined {
    const cands = this.candidates(name);
    if (cands.length === 0) return undefined;
    const weight = new Map<string, number>();
    for (const c of ctx.countries ?? []) weight.set(c, (weight.get(c) ?? 0) + 1);
    const admins = new Set(ctx.admins ?? []);
    const key = normalizeName(name);
    const scored = cands.map((p) => {
      let s = KIND_WEIGHT[p.kind] ?? 0;
      s += (Math.log10(p.population + 1) / 7) * 2;
      const w = weight.get(p.country) ?? 0;
      if (w > 0 && p.kind !== 'country') s += 1.2 + 0.3 * Math.min(w - 1, 3);
      if (p.kind !== 'country' && p.kind !== 'admin1' && admins.has(`${p.country}.${p.admin}`)) s += 1;
      if (ctx.hint) {
        if (ctx.hint.country === p.country) s += 2;
        if (ctx.hint.admin && ctx.hint.admin === p.admin) s += 3;
      }
      if (normalizeName(p.name) === key) s += 0.3;
      return { p, s };
    });
    scored.sort((a, b) => b.s - a.s || b.p.population - a.p.population || a.p.id.localeCompare(b.p.id));
    const best = scored[0]!;
    // Softmax share against the runners-up and a small "none of these" mass.
    const z = scored.reduce((acc, x) => acc + Math.exp(x.s - best.s), 0) + Math.exp(-2.5 - best.s * 0.2);
    return { place: best.p, confidence: Math.round((1 / z) * 100) / 100, candidates: cands.length };
  }
}
