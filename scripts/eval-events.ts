/**
 * `npm run eval:events`: event coding measured on the PLOVER gold-standard records
 * (../shared/data/plover/gold_standard_records/PLOVER_GSR_CAMEO.txt, CC BY-SA 4.0).
 *
 * Each record is one sentence with its gold event type, source and target actors and the
 * trigger words marked in `textInfo.markup`. We run the full Dossier pipeline on the sentence and
 * pick the predicted event whose trigger overlaps a gold trigger word (else the first event with
 * actors, else the first event). We print, per split:
 *   - event-type accuracy (old names mapped: DEMAND→REQUEST, DISAPPROVE→ACCUSE, FIGHT→ASSAULT,
 *     INVESTIGATE→ACCUSE, YIELD→CONCEDE|RETREAT), and the rate at which the gold type is among
 *     all predicted events;
 *   - source and target actor match rates: a gold actor matches when one of the predicted event's
 *     entities has a mention overlapping the actor's text in the sentence;
 *   - a confusion table (gold rows × predicted columns, NONE = no event).
 *
 * Split: records are split deterministically by a hash of their id into a tuning half and a
 * held-out half. Rules were only ever adjusted while looking at the tuning half.
 *
 * Usage: node --import tsx scripts/eval-events.ts [--data DIR] [--split tune|heldout|all] [--limit N] [--show N] [--models DIR]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Doc, type DocEvent, type EventType } from '../src/nlp/doc.ts';
import { createPipeline } from '../src/pipeline/index.ts';
import { buildPipeline, type Pipeline } from '../src/pipeline/stage.ts';
import { tokenizer } from '../src/nlp/tokenizer.ts';
import { tagger } from '../src/nlp/tagger.ts';
import { parser } from '../src/nlp/parser.ts';
import { ner } from '../src/nlp/ner.ts';
import { timeTagger } from '../src/extract/times.ts';
import { entityResolver } from '../src/extract/entities.ts';
import { claimDetector } from '../src/extract/claims.ts';
import { eventExtractor } from '../src/extract/events.ts';
import { relationExtractor } from '../src/extract/relations.ts';
import { checkScriptArgs } from './lib/script-args.ts';
import { isDossierError } from '../src/errors.ts';
import { sharedDataDir } from './lib/shared-data.ts';

checkScriptArgs('eval:events', 'npm run eval:events -- [--data DIR] [--split tune|heldout|all] [--limit N] [--show N] [--models DIR]',
  'Event coding on the PLOVER gold-standard records: event-type accuracy, source and target\nmatch rates and a confusion table, for the tuning half and the held-out half.',
  [
    { flag: '--data', value: 'DIR', help: 'folder holding plover/ (default ../shared/data or $DOSSIER_SHARED_DATA)' },
    { flag: '--split', value: 'tune|heldout|all', help: 'which half to score (default all)' },
    { flag: '--limit', value: 'N', help: 'score only the first N records (after the --split filter)' },
    { flag: '--show', value: 'N', help: 'print up to N wrongly coded records' },
    { flag: '--models', value: 'DIR', help: 'read every model from DIR instead of models/ (experiments)' },
  ]);
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const dataDir = sharedDataDir(arg('--data'));
const which = arg('--split') ?? 'all';
if (!['tune', 'heldout', 'all'].includes(which)) {
  console.error(`error[USAGE]: eval:events: --split must be tune, heldout or all, got "${which}"`);
  process.exit(64);
}
const limit = Number(arg('--limit') ?? Infinity);
const show = Number(arg('--show') ?? 0);
const modelsDir = arg('--models');

/**
 * The product pipeline, or — with `--models DIR` (experiments with freshly trained models) — the
 * same stages in the same order reading every model from DIR.
 */
function pipelineFor(): Pipeline {
  if (!modelsDir) return createPipeline();
  process.env['DOSSIER_MODELS_DIR'] = resolve(modelsDir);
  return buildPipeline([
    tokenizer(), tagger(), parser(), ner({ modelDir: join(resolve(modelsDir), 'ner') }),
    timeTagger(), entityResolver(), claimDetector(), eventExtractor(), relationExtractor(),
  ]);
}

interface GoldActor {
  actorText?: string;
}
interface GoldRecord {
  id: string;
  date?: string;
  event: string;
  text?: string;
  source?: GoldActor[] | string | null;
  target?: GoldActor[] | string | null;
  textInfo?: { markup?: string };
}

const OLD_NAMES: Record<string, EventType[]> = {
  DEMAND: ['REQUEST'], DISAPPROVE: ['ACCUSE'], FIGHT: ['ASSAULT'], INVESTIGATE: ['ACCUSE'], YIELD: ['CONCEDE', 'RETREAT'],
};

function goldTypes(event: string): EventType[] {
  return OLD_NAMES[event] ?? [event as EventType];
}

/** FNV-1a of the id: even → tuning half, odd → held-out half. */
function splitOf(id: string): 'tune' | 'heldout' {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h % 2 === 0 ? 'tune' : 'heldout';
}

function actors(a: GoldRecord['source']): string[] {
  return Array.isArray(a) ? a.map((x) => x.actorText ?? '').filter((t) => t.length > 0) : [];
}

/** Gold trigger words: the (EVT: …) parts of the markup. */
function triggerWords(r: GoldRecord): string[] {
  const m = r.textInfo?.markup ?? '';
  return [...m.matchAll(/\(EVT:\s*([^)]*)\)/g)].flatMap((x) => x[1]!.toLowerCase().split(/\s+/)).filter(Boolean);
}

function readRecords(): GoldRecord[] {
  const path = join(dataDir, 'plover/gold_standard_records/PLOVER_GSR_CAMEO.txt');
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    console.error(`eval-events: cannot read ${path}; pass --data DIR or set DOSSIER_SHARED_DATA`);
    process.exit(66);
  }
  const records = JSON.parse(raw.slice(raw.indexOf('['))) as GoldRecord[];
  return records.filter((r) => r.event !== 'DOCUMENT' && typeof r.text === 'string' && r.text.length > 0);
}

/** Does some entity among `ids` have a mention overlapping `actorText` in `doc`? */
function matches(doc: Doc, ids: string[], actorText: string): boolean {
  const at = doc.text.toLowerCase().indexOf(actorText.toLowerCase());
  if (at < 0) return false;
  const end = at + actorText.length;
  return ids.some((id) => doc.entities.find((e) => e.id === id)?.mentions.some((m) => m.start < end && m.end > at));
}

/**
 * The predicted event to compare: one whose trigger shares a word with the gold trigger, else the
 * one triggered by the main verb (a root token), else the first with actors, else the first.
 */
function pick(doc: Doc, words: string[]): DocEvent | undefined {
  const byTrigger = doc.events.find((e) => e.trigger.text.toLowerCase().split(/\s+/).some((w) => words.includes(w)));
  const roots = doc.tokens.filter((t) => t.head < 0 && t.dep !== 'punct');
  const byRoot = doc.events.find((e) => roots.some((r) => r.start >= e.trigger.start && r.end <= e.trigger.end));
  return byTrigger ?? byRoot ?? doc.events.find((e) => e.sources.length + e.targets.length > 0) ?? doc.events[0];
}

interface Tally {
  n: number;
  typeOk: number;
  anyOk: number;
  srcN: number;
  srcOk: number;
  tgtN: number;
  tgtOk: number;
  confusion: Map<string, Map<string, number>>;
}

const newTally = (): Tally => ({ n: 0, typeOk: 0, anyOk: 0, srcN: 0, srcOk: 0, tgtN: 0, tgtOk: 0, confusion: new Map() });

function pct(a: number, b: number): string {
  return b === 0 ? '   n/a' : `${((100 * a) / b).toFixed(1).padStart(5)}%`;
}

function report(name: string, t: Tally): void {
  console.log(`\n## ${name}: ${t.n} records`);
  console.log(`event-type accuracy      ${pct(t.typeOk, t.n)}  (${t.typeOk}/${t.n})`);
  console.log(`gold type among events   ${pct(t.anyOk, t.n)}  (${t.anyOk}/${t.n})`);
  console.log(`source actor match       ${pct(t.srcOk, t.srcN)}  (${t.srcOk}/${t.srcN} gold sources)`);
  console.log(`target actor match       ${pct(t.tgtOk, t.tgtN)}  (${t.tgtOk}/${t.tgtN} gold targets)`);
  const cols = [...new Set([...t.confusion.values()].flatMap((m) => [...m.keys()]))].sort();
  const rows = [...t.confusion.keys()].sort();
  const w = 10;
  console.log('\nconfusion (rows gold, columns predicted)');
  console.log(''.padEnd(w) + cols.map((c) => c.slice(0, 8).padStart(w)).join(''));
  for (const r of rows) console.log(r.slice(0, 9).padEnd(w) + cols.map((c) => String(t.confusion.get(r)!.get(c) ?? '').padStart(w)).join(''));
}

function main(): void {
  let pipeline: Pipeline;
  try {
    pipeline = pipelineFor();
  } catch (e) {
    console.error(isDossierError(e) ? `eval-events: error[${e.code}]: ${e.message}` : e);
    process.exit(70);
  }
  const records = readRecords().filter((r) => which === 'all' || splitOf(r.id) === which).slice(0, limit);
  const tallies = { tune: newTally(), heldout: newTally() };
  const t0 = performance.now();
  let shown = 0;
  for (const r of records) {
    const doc = new Doc(r.text!, { id: r.id, language: 'en', ...(r.date ? { publishedAt: r.date } : {}) });
    try {
      pipeline.run(doc);
    } catch (e) {
      console.error(`eval-events: ${r.id}: ${isDossierError(e) ? e.message : String(e)}`);
      process.exit(70);
    }
    const gold = goldTypes(r.event);
    const ev = pick(doc, triggerWords(r));
    const t = tallies[splitOf(r.id)];
    t.n++;
    const predicted = ev?.type ?? 'NONE';
    const ok = ev !== undefined && gold.includes(ev.type);
    if (ok) t.typeOk++;
    if (doc.events.some((e) => gold.includes(e.type))) t.anyOk++;
    const row = t.confusion.get(gold[0]!) ?? new Map<string, number>();
    row.set(predicted, (row.get(predicted) ?? 0) + 1);
    t.confusion.set(gold[0]!, row);
    for (const a of actors(r.source)) {
      t.srcN++;
      if (ev && matches(doc, ev.sources, a)) t.srcOk++;
    }
    for (const a of actors(r.target)) {
      t.tgtN++;
      if (ev && matches(doc, ev.targets, a)) t.tgtOk++;
    }
    if (!ok && shown < show) {
      shown++;
      console.log(`MISS ${r.id} gold ${gold.join('|')} got ${predicted} [${doc.events.map((e) => `${e.type}:${e.trigger.text}`).join(', ')}] ${r.text}`);
    }
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(`# eval:events on PLOVER gold-standard records (${records.length} records, ${secs.toFixed(1)} s, full pipeline)`);
  if (which !== 'heldout') report('tuning half (rules adjusted looking at these)', tallies.tune);
  if (which !== 'tune') report('held-out half (never looked at while tuning)', tallies.heldout);
}

main();
