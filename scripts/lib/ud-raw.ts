/**
 * @module scripts/lib/ud-raw
 * Rebuild raw documents from a UD treebank (for tokenizer/sentence-splitter evaluation and
 * end-to-end parsing): a document starts at `# newdoc`, paragraphs (`# newpar`) are separated by
 * a blank line, sentences inside a paragraph by one space. Gold word and sentence spans are
 * offsets into that text. Also span-matching F1 helpers shared by the evaluation scripts.
 */
import { wordSpans, type UdSentence } from './conllu.ts';

export interface RawDoc {
  text: string;
  /** Gold sentences of the document, in order. */
  sentences: UdSentence[];
  /** Per sentence, the [start, end) of the sentence in `text`. */
  sentenceSpans: Array<[number, number]>;
  /** Per sentence, per word, [start, end) in `text`. */
  wordSpans: Array<Array<[number, number]>>;
}

/** Sentences grouped by document: a document starts at `# newdoc` (and at the first sentence). */
export function documentsOf(sents: readonly UdSentence[]): UdSentence[][] {
  const docs: UdSentence[][] = [];
  for (const s of sents) {
    if (s.newdoc !== undefined || docs.length === 0) docs.push([]);
    docs[docs.length - 1]!.push(s);
  }
  return docs;
}

export function rawDocuments(sents: readonly UdSentence[]): RawDoc[] {
  return documentsOf(sents).map((doc) => {
    const cur: RawDoc = { text: '', sentences: [], sentenceSpans: [], wordSpans: [] };
    for (const s of doc) {
      if (cur.sentences.length > 0) cur.text += s.newpar ? '\n\n' : ' ';
      const { text, spans } = wordSpans(s);
      const off = cur.text.length;
      cur.text += text;
      cur.sentences.push(s);
      cur.sentenceSpans.push([off, off + text.length]);
      cur.wordSpans.push(spans.map(([a, b]) => [a + off, b + off] as [number, number]));
    }
    return cur;
  });
}

export interface Prf {
  gold: number;
  pred: number;
  match: number;
}

export function emptyPrf(): Prf {
  return { gold: 0, pred: 0, match: 0 };
}

/** Count exact span matches between gold and predicted [start, end) lists. */
export function addSpanMatches(acc: Prf, gold: ReadonlyArray<readonly [number, number]>, pred: ReadonlyArray<readonly [number, number]>): void {
  const g = new Set(gold.map(([a, b]) => `${a}:${b}`));
  const p = new Set(pred.map(([a, b]) => `${a}:${b}`));
  acc.gold += g.size;
  acc.pred += p.size;
  for (const k of p) if (g.has(k)) acc.match++;
}

export function f1(acc: Prf): { p: number; r: number; f: number } {
  const p = acc.pred ? acc.match / acc.pred : 0;
  const r = acc.gold ? acc.match / acc.gold : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

/** A ratio as a percentage with two decimals ("91.39"). */
export function pct(x: number): string {
  return (100 * x).toFixed(2);
}
