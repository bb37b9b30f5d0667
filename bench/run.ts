/**
 * `npm run bench`: throughput of `analyze` on a generated corpus of ≥ 1 MB (the seed report and
 * the test fixtures' reports, repeated with a numbered line so each document is distinct —
 * stated as such in the output), the NLP-only speed on a 50-report corpus for comparison with the
 * full pipeline, then per-stage NLP figures (bench/nlp.ts, in a fresh process). Prints figures;
 * asserts nothing.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { analyzeDoc } from '../src/analyze.ts';

const root = new URL('..', import.meta.url).pathname;

function sourceReports(): Array<{ name: string; text: string }> {
  const out = [{ name: 'examples/seed.txt', text: readFileSync(join(root, 'examples/seed.txt'), 'utf8') }];
  const dir = join(root, 'test/fixtures/reports');
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      out.push({ name: `test/fixtures/reports/${f}`, text: readFileSync(join(dir, f), 'utf8') });
    }
  }
  return out;
}

function corpus(minBytes: number, maxDocs = Infinity): string[] {
  const base = sourceReports();
  const docs: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < minBytes && docs.length < maxDocs; i++) {
    const r = base[i % base.length]!;
    const t = `Report ${i + 1}.\n\n${r.text}`;
    docs.push(t);
    bytes += Buffer.byteLength(t);
  }
  return docs;
}

function mb(n: number): string {
  return (n / 1024 / 1024).toFixed(1) + ' MB';
}

function run(label: string, docs: string[], nlpOnly: boolean): number {
  // warm-up: loads models and the knowledge base outside the timing
  analyzeDoc(docs[0]!, { publishedAt: '2023-10-29', nlpOnly });
  let tokens = 0;
  let peak = process.memoryUsage().rss;
  const t0 = process.hrtime.bigint();
  for (const text of docs) {
    const doc = analyzeDoc(text, { publishedAt: '2023-10-29', nlpOnly });
    tokens += doc.tokens.length;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  const bytes = docs.reduce((a, d) => a + Buffer.byteLength(d), 0);
  console.log(
    `${label.padEnd(34)} ${String(docs.length).padStart(5)} docs ${mb(bytes).padStart(8)} ${s.toFixed(2).padStart(7)} s  ` +
      `${(docs.length / s).toFixed(1).padStart(7)} docs/s  ${Math.round(tokens / s).toLocaleString('en').padStart(9)} tokens/s  peak RSS ${mb(peak)}`,
  );
  return s;
}

console.log(`Dossier bench — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), Node ${process.version}, single process`);
console.log('Corpus: the seed report and test/fixtures/reports/*.txt, repeated with a numbered first line (generated, not real news).\n');
const big = corpus(1024 * 1024);
run('analyze, full pipeline, ≥1 MB', big, false);
const fifty = corpus(Infinity, 50);
const full = run('analyze, full pipeline, 50 reports', fifty, false);
const nlp = run('analyze, NLP only, 50 reports', fifty, true);
console.log(`full / NLP-only time on 50 reports: ${(full / nlp).toFixed(2)}x (target ≤ 2x)`);
console.log(`max RSS of the process: ${mb(process.resourceUsage().maxRSS * 1024)}\n`);

// Per-stage NLP figures in a fresh process: its memory figure must not include this process's
// knowledge base and analysed documents, and its speeds not the heap they leave behind.
const nlpBench = join(root, 'bench/nlp.ts');
if (existsSync(nlpBench)) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', nlpBench], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.log(`NLP bench failed (exit ${r.status ?? r.signal})`);
}
// Memory as `dossier` uses the NLP models, in its own fresh process.
const memBench = join(root, 'bench/memory.ts');
if (existsSync(memBench)) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', memBench], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.log(`memory bench failed (exit ${r.status ?? r.signal})`);
}
