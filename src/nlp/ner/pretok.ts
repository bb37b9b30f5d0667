/**
 * @module nlp/ner/pretok
 * A small rule tokenizer and sentence splitter used where no tokenization exists yet: the re3d
 * documents (raw text with character offsets) during NER training and evaluation, and tests.
 * It follows UD English habits closely enough for NER (hyphens and clitics split, abbreviations
 * like "U.S." kept whole). The product's real tokenizer is `src/nlp/tokenizer.ts`.
 */

export interface PreToken {
  start: number;
  end: number;
  text: string;
}

// Order matters: abbreviations with inner periods, titles with a period, numbers with
// separators, a word before "n't", clitics, words (inner apostrophes kept for names like
// Kata'ib unless they start a clitic), any other symbol.
const TOKEN_RE = new RegExp(
  [
    "(?:[A-Za-z]\\.){2,}",
    "(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Rep|Gov|Prof|St|Jr|Sr|Inc|Corp|Co|Ltd|No|vs|Adm|Brig|Cpl|Pvt)\\.(?=\\s)",
    "\\d+(?:[.,:/]\\d+)*",
    "\\p{L}+(?=n['’]t\\b)",
    "n['’]t\\b",
    "['’](?:s|re|ve|ll|d|m|S|RE|VE|LL|D|M)\\b",
    "[\\p{L}\\p{M}\\p{N}]+(?:['’](?!(?:s|re|ve|ll|d|m)\\b)[\\p{L}\\p{M}\\p{N}]+)*",
    "\\S",
  ].join('|'),
  'gu',
);

/** Split text into tokens with offsets. Clitics ('s, n't) and hyphens become separate tokens. */
export function pretokenize(text: string): PreToken[] {
  const out: PreToken[] = [];
  for (const m of text.matchAll(TOKEN_RE)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return out;
}

/** Token index ranges [first, end) of sentences: split after . ! ? (and closing quotes) or a blank line. */
export function splitSentences(text: string, toks: PreToken[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let first = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const next = toks[i + 1];
    if (!next) break;
    const gap = text.slice(t.end, next.start);
    let boundary = /\n\s*\n/.test(gap);
    if (!boundary && /^[.!?]$/.test(t.text) && gap.length > 0 && /^[\p{Lu}"“‘(\d]/u.test(next.text)) boundary = true;
    if (!boundary && /^["”’)]$/.test(t.text) && i > 0 && /^[.!?]$/.test(toks[i - 1]!.text) && gap.length > 0) boundary = true;
    if (boundary) {
      out.push([first, i + 1]);
      first = i + 1;
    }
  }
  if (first < toks.length) out.push([first, toks.length]);
  return out;
}
