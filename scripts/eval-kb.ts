/**
 * Entity-linking evaluation (`npm run eval:kb`): share of actor mentions resolved to the right
 * knowledge-base actor, on re3d documents about the Syria/Iraq conflict.
 *
 *   --build   derive data/eval/kb-re3d.json from re3d ($DOSSIER_SHARED_DATA/re3d: CENTCOM and US
 *             State Department public domain, Wikipedia CC BY-SA 3.0, Australian DFAT CC BY 3.0 AU)
 *             and the hand annotation data/eval/kb-gold.yaml (at most 3 mentions of one string
 *             per document, so a frequent name does not dominate), recording source and licence;
 *   (default) run the resolver on each document with the gold mentions given as NER mentions
 *             (ORG/PER) and compare the linked KB id with the accepted ids.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { resolveWithGold, entityForSpan } from './lib/resolve-gold.ts';
import { loadKb, loadGazetteer } from '../src/kb/index.ts';
import { checkScriptArgs } from './lib/script-args.ts';
import { sharedDataDir } from './lib/shared-data.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(repo, 'data/eval/kb-re3d.json');
const SUBSETS: Record<string, string> = {
  CENTCOM: 'public domain (US Central Command)',
  US_State_Department: 'public domain (US Department of State)',
  Wikipedia: 'CC BY-SA 3.0 (Wikipedia)',
  Australian_Department_of_Foreign_Affairs: 'CC BY 3.0 AU (Australian DFAT)',
};
interface EvalMention { start: number; end: number; text: string; label: 'ORG' | 'PER'; accept: string[] }
interface EvalFile { source: string; annotation: string; docs: { id: string; subset: string; licence: string; text: string; mentions: EvalMention[] }[] }

function readJsonLines<T>(file: string): T[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);
}

function build(): void {
  const shared = sharedDataDir();
  const gold = YAML.parse(fs.readFileSync(path.join(repo, 'data/eval/kb-gold.yaml'), 'utf8')) as Record<string, string[]>;
  const docs: EvalFile['docs'] = [];
  for (const [subset, licence] of Object.entries(SUBSETS)) {
    const dir = path.join(shared, 're3d', subset);
    const texts = new Map(readJsonLines<{ _id: string; text: string }>(path.join(dir, 'documents.json')).map((d) => [d._id, d.text]));
    const byDoc = new Map<string, EvalMention[]>();
    const seen = new Map<string, number>();
    const ents = readJsonLines<{ documentId: string; begin: number; end: number; type: string; value: string }>(path.join(dir, 'entities.json'))
      .sort((a, b) => a.documentId.localeCompare(b.documentId) || a.begin - b.begin);
    for (const e of ents) {
      const accept = gold[e.value];
      if (!accept || (e.type !== 'Organisation' && e.type !== 'Person')) continue;
      const text = texts.get(e.documentId);
      if (!text || text.slice(e.begin, e.end) !== e.value) continue;
      const k = `${e.documentId}\t${e.value}`;
      if ((seen.get(k) ?? 0) >= 3) continue;
      seen.set(k, (seen.get(k) ?? 0) + 1);
      const list = byDoc.get(e.documentId) ?? [];
      // Nested annotations: keep the outer span only.
      if (list.some((m) => m.start <= e.begin && e.end <= m.end)) continue;
      list.push({ start: e.begin, end: e.end, text: e.value, label: e.type === 'Person' ? 'PER' : 'ORG', accept });
      byDoc.set(e.documentId, list);
    }
    for (const [id, mentions] of byDoc) docs.push({ id, subset, licence, text: texts.get(id)!, mentions });
  }
  docs.sort((a, b) => a.id.localeCompare(b.id));
  const file: EvalFile = {
    source: 're3d (Dstl, Aleph Insights, Committed Software): documents and entity spans; see each document for its licence',
    annotation: 'Gold KB ids by Dossier contributors: data/eval/kb-gold.yaml',
    docs,
  };
  fs.writeFileSync(OUT, JSON.stringify(file, null, 1) + '\n');
  console.log(`eval-kb --build: ${docs.reduce((n, d) => n + d.mentions.length, 0)} actor mentions in ${docs.length} documents -> data/eval/kb-re3d.json`);
}

function evaluate(): void {
  const file = JSON.parse(fs.readFileSync(OUT, 'utf8')) as EvalFile;
  const kb = loadKb();
  const gaz = loadGazetteer();
  let n = 0, ok = 0;
  const perName = new Map<string, [number, number]>();
  const errors: string[] = [];
  const t0 = Date.now();
  for (const d of file.docs) {
    const doc = resolveWithGold(d, d.mentions.map((m) => ({ start: m.start, end: m.end, label: m.label })), kb, gaz);
    for (const m of d.mentions) {
      n++;
      const e = entityForSpan(doc, m);
      const good = e?.kb !== undefined && m.accept.includes(e.kb.id);
      if (good) ok++;
      else errors.push(`${d.subset}/${d.id.slice(0, 8)}: "${m.text}" -> ${e?.kb?.id ?? (e ? `(unlinked ${e.type} "${e.name}")` : '(no entity)')}; gold ${m.accept[0]}`);
      const p = perName.get(m.text) ?? [0, 0];
      perName.set(m.text, [p[0] + (good ? 1 : 0), p[1] + 1]);
    }
  }
  if (process.argv.includes('--errors')) for (const e of errors) console.log(e);
  const macro = [...perName.values()].reduce((s, [a, b]) => s + a / b, 0) / Math.max(perName.size, 1);
  console.log(`eval:kb  ${n} actor mentions (${perName.size} distinct strings) in ${file.docs.length} re3d documents (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  console.log(`  accuracy            ${((100 * ok) / Math.max(n, 1)).toFixed(1)}% (${ok}/${n})`);
  console.log(`  per-string accuracy ${(100 * macro).toFixed(1)}% (mean over distinct mention strings)`);
}

checkScriptArgs('eval:kb', 'npm run eval:kb -- [--errors] | --build',
  'Entity-linking accuracy: share of actor mentions in re3d documents resolved to the right\nknowledge-base actor (data/eval/kb-re3d.json).',
  [
    { flag: '--errors', help: 'also list every mention linked wrongly' },
    { flag: '--build', help: 'rebuild data/eval/kb-re3d.json from re3d ($DOSSIER_SHARED_DATA) and data/eval/kb-gold.yaml' },
  ]);
if (process.argv.includes('--build')) build();
else evaluate();
