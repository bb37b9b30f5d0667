/**
 * @module bench/nlp
 * Throughput of the NLP layers on one core: tokenize, tag, parse and NER (when src/nlp/ner.ts
 * exists), each alone and all together (median and fastest of three runs), plus resident memory
 * with every model loaded and a reading of the host's speed before and after (bench/host.ts). The input
 * is the repository's own reports (examples/seed.txt and test/fixtures/reports/*.txt) repeated
 * to about 200,000 tokens. Called by bench/run.ts; runnable alone: node --import tsx bench/nlp.ts
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Doc } from '../src/nlp/doc.ts';
import { tokenize } from '../src/nlp/tokenizer.ts';
import { loadTagger } from '../src/nlp/tagger.ts';
import { loadParser } from '../src/nlp/parser.ts';
import type { Stage } from '../src/pipeline/stage.ts';
import { cpuSeconds, formatHost, readHostApart } from './host.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_TOKENS = 200_000;

function reports(): string[] {
  const out: string[] = [];
  const seed = join(root, 'examples', 'seed.txt');
  if (existsSync(seed)) out.push(readFileSync(seed, 'utf8'));
  const dir = join(root, 'test', 'fixtures', 'reports');
  if (existsSync(dir)) for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) out.push(readFileSync(join(dir, f), 'utf8'));
  if (out.length === 0) out.push('Several leaders of armed Iraqi factions allied with Iran have moved to locations in Syria and Lebanon, informed sources told the newspaper on Tuesday.');
  return out;
}

/** Stages are timed this many times over the whole input (the first run also warms the JIT and caches). */
const RUNS = 3;

/** CPU seconds of `fn` over RUNS runs: the median (reported) and the fastest (what a quiet moment allows). */
function timed(fn: () => void): { median: number; best: number } {
  const t: number[] = [];
  for (let r = 0; r < RUNS; r++) t.push(cpuSeconds(fn));
  t.sort((a, b) => a - b);
  return { median: t[Math.floor(t.length / 2)]!, best: t[0]! };
}

export async function benchNlp(log: (s: string) => void): Promise<void> {
  const base = reports();
  const texts: string[] = [];
  let tokens = 0;
  for (let i = 0; tokens < TARGET_TOKENS; i++) {
    const t = base[i % base.length]!;
    texts.push(t);
    tokens += tokenize(t).tokens.length;
  }
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
  const rss0 = process.memoryUsage().rss;
  const tLoad = cpuSeconds(() => {
    loadTagger();
    loadParser();
  });
  const tagger = loadTagger();
  const parser = loadParser();
  let nerStage: Stage | null = null;
  const nerPath = join(root, 'src', 'nlp', 'ner.ts');
  if (existsSync(nerPath)) {
    try {
      const mod = (await import(pathToFileURL(nerPath).href)) as { ner?: () => Stage };
      if (mod.ner) {
        nerStage = mod.ner();
        const warm = new Doc('Hamas said.', { id: 'w', language: 'en' });
        Object.assign(warm, tokenize(warm.text));
        nerStage.run(warm, { warn: () => {} });
      }
    } catch (e) {
      log(`NER not benchmarked: ${(e as Error).message}`);
      nerStage = null;
    }
  }
  const rssModels = process.memoryUsage().rss;
  log(`NLP bench: ${texts.length} reports, ${(bytes / 1e6).toFixed(2)} MB, ${tokens.toLocaleString('en')} tokens, single thread, rates per CPU-second (median and fastest of ${RUNS} runs per stage); tagger+parser load ${(tLoad * 1000).toFixed(0)} ms`);

  const docs = texts.map((t, i) => new Doc(t, { id: `b${i}`, language: 'en' }));
  const hostBefore = readHostApart(log);
  const ctx = { warn: () => {} };
  const tTok = timed(() => {
    for (const d of docs) {
      const r = tokenize(d.text);
      d.sentences = r.sentences;
      d.tokens = r.tokens;
    }
  });
  const tTag = timed(() => {
    for (const d of docs) tagger.tagDoc(d);
  });
  const tParse = timed(() => {
    for (const d of docs) parser.parseDoc(d);
  });
  const tNer = nerStage
    ? timed(() => {
        for (const d of docs) {
          d.mentions = [];
          nerStage!.run(d, ctx);
        }
      })
    : null;
  // everything together on fresh documents
  const fresh = texts.map((t, i) => new Doc(t, { id: `f${i}`, language: 'en' }));
  const tAll = cpuSeconds(() => {
    for (const d of fresh) {
      const r = tokenize(d.text);
      d.sentences = r.sentences;
      d.tokens = r.tokens;
      tagger.tagDoc(d);
      parser.parseDoc(d);
      nerStage?.run(d, ctx);
    }
  });
  const rate = (s: number) => `${Math.round(tokens / s).toLocaleString('en')} tokens/s`;
  const together = { median: tTag.median + tParse.median + (tNer?.median ?? 0), best: tTag.best + tParse.best + (tNer?.best ?? 0) };
  const rows: Array<[string, { median: number; best: number } | null]> = [
    ['tokenize + sentences', tTok],
    ['tag (UPOS/XPOS + lemma)', tTag],
    ['parse (arcs + labels)', tParse],
    ['NER', tNer],
    ['tag + parse + NER', together],
  ];
  log(`  ${''.padEnd(26)} ${'median'.padStart(18)} ${`fastest of ${RUNS}`.padStart(18)}`);
  for (const [name, t] of rows) log(`  ${name.padEnd(26)} ${(t ? rate(t.median) : 'n/a').padStart(18)} ${(t ? rate(t.best) : 'n/a').padStart(18)}`);
  log(`  ${'all, end to end (once)'.padEnd(26)} ${rate(tAll).padStart(18)}`);
  const rss = process.memoryUsage().rss;
  log(`  resident memory: ${(rss / 1048576).toFixed(0)} MB with models loaded (${(rss0 / 1048576).toFixed(0)} MB before loading, ${(rssModels / 1048576).toFixed(0)} MB after)`);
  const hostAfter = readHostApart(log);
  if (hostBefore && hostAfter) log(`  ${formatHost(hostBefore)} before the stages; ${formatHost(hostAfter).replace('host reading: ', '')} after (bench/host.ts: more ns = a busier host)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await benchNlp((s) => console.log(s));
}
