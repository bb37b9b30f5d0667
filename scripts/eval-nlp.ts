/**
 * @module scripts/eval-nlp
 * `npm run eval:nlp`: measure the NLP models on the TEST splits (final numbers only — model
 * selection uses dev) and print tables:
 *  - tokenization and sentence F1 on raw EWT test text (documents from `# newdoc`, paragraphs
 *    from `# newpar` separated by a blank line);
 *  - UPOS/XPOS/lemma accuracy, UAS and LAS with gold tokenization (EWT test, GUM test);
 *  - the same end to end from raw text, aligned by character offsets (F1);
 *  - NER, via scripts/eval-ner.ts when present;
 *  - the npm peer wink-nlp (+ wink-eng-lite-web-model): UPOS on EWT test, same data, same process.
 *
 *   npm run eval:nlp -- [--data DIR] [--dev] [--skip-peers] [--skip-ner]
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { readConllu, type UdSentence } from './lib/conllu.ts';
import { rawDocuments, addSpanMatches, emptyPrf, f1, pct, type Prf } from './lib/ud-raw.ts';
import { tokenize } from '../src/nlp/tokenizer.ts';
import { loadTagger, type Tagger } from '../src/nlp/tagger.ts';
import { loadParser, type Parser } from '../src/nlp/parser.ts';
import { DossierError } from '../src/errors.ts';
import { runIfMain } from './lib/run-main.ts';
import { usageOrThrow, type ScriptOption } from './lib/script-args.ts';
import { sharedDataDir } from './lib/shared-data.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const universal = (l: string) => l.split(':')[0]!;

export interface GoldTokScores {
  words: number;
  upos: number;
  xpos: number;
  lemma: number;
  uas: number;
  las: number;
  /** LAS counting the full label with subtype (nmod:poss, obl:tmod, …). */
  lasFull: number;
  tokensPerSecond: number;
}

/** Tag and parse gold-tokenized sentences; compare with the gold annotation. */
export function evalGoldTokenization(sents: readonly UdSentence[], tagger: Tagger, parser: Parser): GoldTokScores {
  let n = 0, upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0, lasFull = 0;
  let busy = 0; // CPU seconds in tagging + parsing only (the machine is shared: wall time would mislead)
  for (const s of sents) {
    const words = s.words.map((w) => w.form);
    const c0 = process.cpuUsage();
    const cls = tagger.tagClasses(words);
    const up = Array.from(cls, (c) => tagger.upos[c]!);
    const xp = Array.from(cls, (c) => tagger.xpos[c]!);
    const { heads, labels } = parser.parseSentence(words, up, xp);
    const c = process.cpuUsage(c0);
    busy += (c.user + c.system) / 1e6;
    s.words.forEach((w, i) => {
      n++;
      if (up[i] === w.upos) upos++;
      if (xp[i] === w.xpos) xpos++;
      if (tagger.lemmatizer.lemma(w.form, up[i]!, xp[i]!) === w.lemma) lemma++;
      if (heads[i] === w.head) {
        uas++;
        if (universal(labels[i]!) === universal(w.deprel)) las++;
        if (labels[i] === w.deprel) lasFull++;
      }
    });
  }
  return { words: n, upos: upos / n, xpos: xpos / n, lemma: lemma / n, uas: uas / n, las: las / n, lasFull: lasFull / n, tokensPerSecond: n / busy };
}

export interface RawScores {
  documents: number;
  tokens: Prf;
  sentences: Prf;
  upos: Prf;
  uas: Prf;
  las: Prf;
}

/** Tokenize, tag and parse raw documents rebuilt from the treebank; score by character offsets. */
export function evalRaw(sents: readonly UdSentence[], tagger: Tagger | null, parser: Parser | null): RawScores {
  const docs = rawDocuments(sents);
  const r: RawScores = { documents: docs.length, tokens: emptyPrf(), sentences: emptyPrf(), upos: emptyPrf(), uas: emptyPrf(), las: emptyPrf() };
  for (const d of docs) {
    const { sentences, tokens } = tokenize(d.text);
    addSpanMatches(r.tokens, d.wordSpans.flat(), tokens.map((t) => [t.start, t.end] as [number, number]));
    addSpanMatches(r.sentences, d.sentenceSpans, sentences.map((s) => [s.start, s.end] as [number, number]));
    if (!tagger || !parser) continue;
    for (const s of sentences) {
      const toks = tokens.slice(s.firstToken, s.endToken);
      const cls = tagger.tagClasses(toks.map((t) => t.text));
      const up = Array.from(cls, (c) => tagger.upos[c]!);
      const xp = Array.from(cls, (c) => tagger.xpos[c]!);
      const { heads, labels } = parser.parseSentence(toks.map((t) => t.text), up, xp);
      toks.forEach((t, i) => {
        t.pos = up[i]!;
        t.head = heads[i]! < 0 ? -1 : s.firstToken + heads[i]!;
        t.dep = labels[i]!;
      });
    }
    // Keys: span+tag, span+head span, span+head span+label.
    const key = (a: number, b: number) => `${a}:${b}`;
    const gU: string[] = [], gH: string[] = [], gL: string[] = [];
    d.sentences.forEach((s, si) => {
      const spans = d.wordSpans[si]!;
      s.words.forEach((w, i) => {
        const sp = spans[i]!;
        const hs = w.head < 0 ? 'root' : key(...spans[w.head]!);
        gU.push(`${key(...sp)}|${w.upos}`);
        gH.push(`${key(...sp)}|${hs}`);
        gL.push(`${key(...sp)}|${hs}|${universal(w.deprel)}`);
      });
    });
    const pU: string[] = [], pH: string[] = [], pL: string[] = [];
    for (const t of tokens) {
      const h = t.head < 0 ? 'root' : key(tokens[t.head]!.start, tokens[t.head]!.end);
      pU.push(`${key(t.start, t.end)}|${t.pos}`);
      pH.push(`${key(t.start, t.end)}|${h}`);
      pL.push(`${key(t.start, t.end)}|${h}|${universal(t.dep)}`);
    }
    addKeyMatches(r.upos, gU, pU);
    addKeyMatches(r.uas, gH, pH);
    addKeyMatches(r.las, gL, pL);
  }
  return r;
}

function addKeyMatches(acc: Prf, gold: string[], pred: string[]): void {
  const g = new Set(gold);
  acc.gold += gold.length;
  acc.pred += pred.length;
  for (const p of new Set(pred)) if (g.has(p)) acc.match++;
}

/** wink-nlp's UPOS on the gold sentences: its tokens aligned to gold words by character offsets. */
export function evalWinkUpos(sents: readonly UdSentence[]): { accuracy: number; words: number; tokensPerSecond: number } | null {
  const require = createRequire(join(repoRoot, 'package.json'));
  let nlp: { readDoc(t: string): { tokens(): { out(f: unknown): string[] } }; its: Record<string, unknown> };
  try {
    const winkNLP = require('wink-nlp') as (m: unknown) => typeof nlp;
    nlp = winkNLP(require('wink-eng-lite-web-model'));
  } catch {
    return null;
  }
  let ok = 0;
  let n = 0;
  let busy = 0;
  for (const s of sents) {
    const spans = wordSpansOf(s);
    const c0 = process.cpuUsage();
    const doc = nlp.readDoc(spans.text);
    const values = doc.tokens().out(nlp.its['value']);
    const pos = doc.tokens().out(nlp.its['pos']);
    const c = process.cpuUsage(c0);
    busy += (c.user + c.system) / 1e6;
    const bySpan = new Map<string, string>();
    let cur = 0;
    values.forEach((v, i) => {
      const at = spans.text.indexOf(v, cur);
      if (at < 0) return;
      bySpan.set(`${at}:${at + v.length}`, pos[i]!);
      cur = at + v.length;
    });
    s.words.forEach((w, i) => {
      n++;
      const [a, b] = spans.spans[i]!;
      if (bySpan.get(`${a}:${b}`) === w.upos) ok++;
    });
  }
  return { accuracy: ok / n, words: n, tokensPerSecond: n / busy };
}

function wordSpansOf(s: UdSentence): { text: string; spans: Array<[number, number]> } {
  const docs = rawDocuments([{ ...s, newdoc: 'x' }]);
  return { text: docs[0]!.text, spans: docs[0]!.wordSpans[0]! };
}

/** Print rows as an aligned table. */
export function table(title: string, header: string[], rows: Array<Array<string | number>>, log: (s: string) => void): void {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  log('');
  log(title);
  log(line(header));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) log(line(r));
}

export interface EvalNlpOptions {
  dataDir: string;
  log: (s: string) => void;
  /** Use the dev splits instead of test (for development). */
  dev?: boolean;
  skipPeers?: boolean;
  skipNer?: boolean;
}

export async function evalNlp(opts: EvalNlpOptions): Promise<void> {
  const { dataDir, log } = opts;
  const split = opts.dev ? 'dev' : 'test';
  const ewtPath = join(dataDir, 'ud', 'en_ewt', `${split}.conllu`);
  if (!existsSync(ewtPath)) throw new DossierError('INPUT_UNREADABLE', `eval:nlp: ${ewtPath} not found; pass --data DIR or set DOSSIER_SHARED_DATA`, { input: ewtPath });
  const ewt = readConllu(ewtPath);
  const gum = readConllu(join(dataDir, 'ud', 'en_gum', `${split}.conllu`));
  const t0 = performance.now();
  const tagger = loadTagger();
  const parser = loadParser();
  log(`models loaded in ${(performance.now() - t0).toFixed(0)} ms; evaluating on UD ${split} splits`);

  const rawE = evalRaw(ewt, tagger, parser);
  const rawG = evalRaw(gum, tagger, parser);
  const prf = (p: Prf) => {
    const x = f1(p);
    return [pct(x.p), pct(x.r), pct(x.f)];
  };
  table(`Tokenization and sentence splitting from raw text (${split}; documents, paragraphs as blank lines)`, ['treebank', 'unit', 'gold', 'P', 'R', 'F1'], [
    ['EWT', 'tokens (words)', rawE.tokens.gold, ...prf(rawE.tokens)],
    ['EWT', 'sentences', rawE.sentences.gold, ...prf(rawE.sentences)],
    ['GUM', 'tokens (words)', rawG.tokens.gold, ...prf(rawG.tokens)],
    ['GUM', 'sentences', rawG.sentences.gold, ...prf(rawG.sentences)],
  ], log);
  // since the twelfth session the splitter trains on EWT dev and GUM dev (scripts/train-sentences.ts)
  if (opts.dev) log('note: the sentence splitter is trained on dev too, so dev sentence F1 is not held out; its held-out estimate is npm run cv:sentences');

  const gE = evalGoldTokenization(ewt, tagger, parser);
  const gG = evalGoldTokenization(gum, tagger, parser);
  table(`Gold tokenization, predicted POS (${split})`, ['treebank', 'words', 'UPOS', 'XPOS', 'lemma', 'UAS', 'LAS', 'LAS(full label)', 'tok/s tag+parse (CPU)'], [
    ['EWT', gE.words, pct(gE.upos), pct(gE.xpos), pct(gE.lemma), pct(gE.uas), pct(gE.las), pct(gE.lasFull), gE.tokensPerSecond.toFixed(0)],
    ['GUM', gG.words, pct(gG.upos), pct(gG.xpos), pct(gG.lemma), pct(gG.uas), pct(gG.las), pct(gG.lasFull), gG.tokensPerSecond.toFixed(0)],
  ], log);

  table(`End to end from raw text (${split}; F1 aligned by character offsets)`, ['treebank', 'Tokens', 'Sentences', 'UPOS', 'UAS', 'LAS'], [
    ['EWT', pct(f1(rawE.tokens).f), pct(f1(rawE.sentences).f), pct(f1(rawE.upos).f), pct(f1(rawE.uas).f), pct(f1(rawE.las).f)],
    ['GUM', pct(f1(rawG.tokens).f), pct(f1(rawG.sentences).f), pct(f1(rawG.upos).f), pct(f1(rawG.uas).f), pct(f1(rawG.las).f)],
  ], log);

  if (!opts.skipPeers) {
    const w = evalWinkUpos(ewt);
    table(`Peers on npm, same data (EWT ${split}, gold sentences)`, ['system', 'UPOS', 'tok/s (CPU)'], [
      ['dossier (this repo)', pct(gE.upos), gE.tokensPerSecond.toFixed(0) + ' (tag+parse)'],
      w ? ['wink-nlp + wink-eng-lite-web-model', pct(w.accuracy), w.tokensPerSecond.toFixed(0)] : ['wink-nlp', 'not installed', '-'],
    ], log);
  }

  if (!opts.skipNer) {
    const nerScript = join(repoRoot, 'scripts', 'eval-ner.ts');
    if (!existsSync(nerScript)) log('\nNER: scripts/eval-ner.ts is absent; skipped');
    else {
      const mod = (await import(pathToFileURL(nerScript).href)) as { evalNer?: (o: { dataDir: string; log: (s: string) => void; dev?: boolean; skipPeer?: boolean }) => Promise<unknown> };
      if (typeof mod.evalNer === 'function') {
        log('');
        // --dev scores NER on UNER dev too (a selection run must not read test), --skip-peers skips compromise
        await mod.evalNer({ dataDir, log, dev: opts.dev === true, skipPeer: opts.skipPeers === true });
      } else log('\nNER: scripts/eval-ner.ts does not export evalNer(); skipped');
    }
  }
}

const EVAL_NLP_HELP = 'Scores the NLP models on the UD test splits (final numbers; selection uses dev): tokenization and\n' +
  'sentence F1 on raw text, UPOS/XPOS/lemma, UAS/LAS with gold tokens and end to end, NER per type on\n' +
  'UNER EWT test and held-out re3d, and the npm peers (wink-nlp, compromise) on the same data.';
const EVAL_NLP_OPTIONS: ScriptOption[] = [
  { flag: '--data', value: 'DIR', help: 'folder holding ud/, uner/ and re3d/ (default ../shared/data or $DOSSIER_SHARED_DATA)' },
  { flag: '--dev', help: 'score the dev splits instead (for model selection)' },
  { flag: '--skip-peers', help: 'do not run the npm peers (wink-nlp, compromise)' },
  { flag: '--skip-ner', help: 'do not score the NER model' },
];

function parseArgs(argv: string[]): EvalNlpOptions {
  usageOrThrow('eval:nlp', 'npm run eval:nlp -- [--data DIR] [--dev] [--skip-peers] [--skip-ner]', EVAL_NLP_HELP, EVAL_NLP_OPTIONS, argv);
  const o: EvalNlpOptions = {
    dataDir: sharedDataDir(),
    log: (s) => console.log(s),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    // usageOrThrow has checked that --data has its value
    if (a === '--data') o.dataDir = resolve(argv[++i]!);
    else if (a === '--dev') o.dev = true;
    else if (a === '--skip-peers') o.skipPeers = true;
    else if (a === '--skip-ner') o.skipNer = true;
  }
  return o;
}

await runIfMain(import.meta.url, () => evalNlp(parseArgs(process.argv.slice(2))));
