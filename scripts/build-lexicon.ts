/**
 * Build the event-trigger lexicon (data/lexicon/triggers.json) from
 *  - the Phoenix/PETRARCH2 CAMEO verb dictionary (../shared/data/phoenix/CAMEO.2.0.txt, MIT,
 *    Open Event Data Alliance), mapped through
 *  - the CAMEO→PLOVER table (../shared/data/plover/CAMEO2PLOVER-2021.txt, CC BY-SA 4.0), plus
 *  - our own curated verbs, nouns and patterns (CURATED below), which win over the dictionary.
 *
 * Usage: node --import tsx scripts/build-lexicon.ts [--data DIR] [--out FILE]
 * DIR defaults to $DOSSIER_SHARED_DATA or ../shared/data relative to the repository root.
 * The product never reads ../shared at run time: only the JSON written here ships.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventType } from '../src/nlp/doc.ts';
import { CURATED_NOUNS, CURATED_PATTERNS, CURATED_VERBS, EXCLUDED_VERBS, type LexEntry, type Lexicon, type LexPattern } from '../src/extract/events/lexicon-data.ts';
import { sharedDataDir } from './lib/shared-data.ts';
import { checkScriptArgs } from './lib/script-args.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
checkScriptArgs('build-lexicon', 'node --import tsx scripts/build-lexicon.ts [--data DIR] [--out FILE]',
  'Build data/lexicon/triggers.json (event triggers) from the CAMEO verb dictionary mapped to PLOVER,\nplus the curated verbs, nouns and patterns.',
  [{ flag: '--data', value: 'DIR', help: 'the shared corpora (default ../shared/data or $DOSSIER_SHARED_DATA)' }, { flag: '--out', value: 'FILE', help: 'where to write (default data/lexicon/triggers.json)' }]);
const dataDir = sharedDataDir(arg('--data'));
const outFile = arg('--out') ?? join(root, 'data/lexicon/triggers.json');

/** Words that cannot on their own tell one reading of a verb from another. */
const FUNCTION_WORDS = new Set(['in', 'on', 'at', 'to', 'with', 'into', 'toward', 'towards', 'for', 'from', 'by', 'of', 'the', 'a', 'an', 'up', 'out', 'off', 'over', 'down', 'back', 'about', 'against', 'as', 'and', 'its', 'his', 'their', 'her', 'that', 'it', 'them', 'him', 'under', 'after', 'before', 'through', 'across', 'behind', 'around', 'between']);

interface PloverRow {
  type: EventType;
  mode?: string;
  context?: string;
}

/** CAMEO code → PLOVER type/mode/context, from the conversion table. */
function readPloverTable(path: string): Map<string, PloverRow> {
  const map = new Map<string, PloverRow>();
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    const m = /^(\d{2,4}):\s*(.*)$/.exec(line);
    if (!m) continue;
    const [type, mode, context] = m[2]!.split(',').map((s) => s.trim());
    if (!type || !/^[A-Z]+$/.test(type)) continue;
    const row: PloverRow = { type: type as EventType };
    if (mode) row.mode = mode;
    if (context) row.context = context.split(';')[0]!.trim();
    if (!map.has(m[1]!)) map.set(m[1]!, row);
  }
  // Our mapping decisions where the 2021 table is silent or differs from POLECAT usage:
  // CAMEO 02 (appeal) is a request in PLOVER; 163 (impose sanctions/embargo) is SANCTION in POLECAT.
  map.set('02', { type: 'REQUEST' });
  map.set('163', { type: 'SANCTION', mode: 'restrict', context: 'economic' });
  return map;
}

function ploverOf(code: string, table: Map<string, PloverRow>): PloverRow | undefined {
  for (let n = code.length; n >= 2; n--) {
    const row = table.get(code.slice(0, n));
    if (row) return row;
  }
  return undefined;
}

function entry(code: string, table: Map<string, PloverRow>): LexEntry | null {
  const row = ploverOf(code, table);
  if (!row) return null; // e.g. CAMEO 01 (public statement): not an event in PLOVER
  const e: LexEntry = { type: row.type, cameo: code };
  if (row.mode) e.mode = row.mode;
  if (row.context) e.context = row.context;
  return e;
}

/** Parse the PETRARCH verb dictionary into verb → code, irregular forms, and object patterns. */
function readCameo(path: string, table: Map<string, PloverRow>) {
  const verbs: Record<string, LexEntry> = {};
  const forms: Record<string, string> = {};
  const patterns: LexPattern[] = [];
  let blockCode = '---';
  let blockVerbs: string[] = [];
  const codeOf = (s: string) => /\[(\d{2,4}|---)/.exec(s)?.[1];
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    if (raw.startsWith('#') || raw.trim() === '') continue;
    const head = /^---\s+(\S+)\s+\[([^\]]*)\]\s+---/.exec(raw);
    if (head) {
      blockCode = head[2]!.split(':')[0]!.trim();
      blockVerbs = [];
      continue;
    }
    if (raw.startsWith('&')) {
      blockCode = 'SYNSET';
      continue;
    }
    if (blockCode === 'SYNSET') continue;
    if (raw.startsWith('-')) {
      const code = codeOf(raw);
      if (!code) continue;
      const body = raw.slice(1).replace(/\[.*$/, '');
      const star = body.indexOf('*');
      if (star < 0) continue;
      // Synsets (&X), actors (+X, $X, %X) are constraints we cannot check token-by-token; a
      // pattern stripped of them would over-match ("meet (in &FIGHT)" would become "meet in").
      if (/[&+$%{]/.test(body.slice(star + 1))) continue;
      const words = body
        .slice(star + 1)
        .replace(/[(){}]/g, ' ')
        .split(/\s+/)
        .filter((w) => /^[A-Z][A-Z-]*$/.test(w))
        .map((w) => w.toLowerCase());
      if (words.length === 0 || words.length > 3) continue;
      // The trailing comment names the verb the pattern was written for; apply it to that verb
      // only (falling back to the whole synonym block when the comment names none of them).
      const named = /#\s*([A-Z][A-Z_-]*)/.exec(raw)?.[1]?.toLowerCase().split('_')[0];
      const targets = named ? (blockVerbs.includes(named) ? [named] : []) : blockVerbs;
      if (words.every((w) => FUNCTION_WORDS.has(w))) continue;
      for (const v of targets) {
        const e = code === '---' ? null : entry(code, table);
        patterns.push({ verb: v, words, entry: e });
      }
      continue;
    }
    // A verb line: WORD or +MULTI_WORD, optional {FORMS}, optional [code]
    const m = /^(\+?)([A-Z][A-Z_-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?/.exec(raw);
    if (!m) continue;
    const parts = m[2]!.toLowerCase().split('_').filter(Boolean);
    const lemma = parts[0]!;
    const own = m[4] ? m[4].slice(1, -1).split(':')[0]!.trim() : blockCode;
    blockVerbs.push(lemma);
    if (m[3]) {
      for (const f of m[3].slice(1, -1).split(/\s+/).filter(Boolean)) {
        const w = f.replace(/^\+/, '').toLowerCase().split('_')[0]!;
        if (w && w !== lemma) forms[w] = lemma;
      }
    }
    if (own === '---' || own === '') continue;
    const e = entry(own, table);
    if (!e) continue;
    if (parts.length > 1) patterns.push({ verb: lemma, words: parts.slice(1), entry: e });
    else if (!verbs[lemma]) verbs[lemma] = e;
  }
  return { verbs, forms, patterns };
}

/**
 * Keep a pattern only when it changes the verb's default reading (another type, or "no event"),
 * once per verb+words: the rest add size without changing any decision.
 */
function usefulPatterns(patterns: LexPattern[], verbs: Record<string, LexEntry>): LexPattern[] {
  const seen = new Set<string>();
  const out: LexPattern[] = [];
  for (const p of patterns) {
    const key = `${p.verb} ${p.words.join(' ')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const base = verbs[p.verb];
    if (p.entry === null ? base === undefined : base !== undefined && base.type === p.entry.type) continue;
    out.push(p);
  }
  return out;
}

function main(): void {
  const table = readPloverTable(join(dataDir, 'plover/CAMEO2PLOVER-2021.txt'));
  const cameo = readCameo(join(dataDir, 'phoenix/CAMEO.2.0.txt'), table);
  const lexicon: Lexicon = {
    sources: [
      'Phoenix CAMEO verb dictionary CAMEO.2.0.txt (PETRARCH2, Open Event Data Alliance, MIT licence)',
      'CAMEO2PLOVER-2021.txt (PLOVER, Open Event Data Alliance, CC BY-SA 4.0)',
      'Dossier curated triggers (src/extract/events/lexicon-data.ts, MIT)',
    ],
    verbs: { ...cameo.verbs, ...CURATED_VERBS },
    nouns: { ...CURATED_NOUNS },
    forms: cameo.forms,
    // curated patterns first: the first matching pattern wins
    patterns: [...CURATED_PATTERNS, ...usefulPatterns(cameo.patterns, { ...cameo.verbs, ...CURATED_VERBS })],
  };
  for (const v of EXCLUDED_VERBS) delete lexicon.verbs[v];
  for (const v of Object.keys(lexicon.verbs)) if (!/^[a-z][a-z-]*$/.test(v)) delete lexicon.verbs[v];
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify(lexicon) + '\n');
  const count = (o: object) => Object.keys(o).length;
  console.log(
    `build-lexicon: ${count(lexicon.verbs)} verbs, ${count(lexicon.nouns)} nouns, ${lexicon.patterns.length} patterns, ${count(lexicon.forms)} irregular forms → ${outFile}`,
  );
}

main();
