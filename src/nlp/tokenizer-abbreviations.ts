/**
 * @module nlp/tokenizer-abbreviations
 * UD English's conventions for a period after an abbreviation, as the tokenizer applies them:
 * whether a word keeps its period (`isAbbreviation`, while chunks are split) and whether a
 * sentence-final abbreviation gives its period a token of its own (`splitFinalAbbreviations`,
 * after the sentence decisions). The counts quoted are from UD EWT + GUM train.
 */
import { newToken, type Sentence, type Token } from './doc.ts';
import { ABBREVIATIONS, CAPITALISED_ABBREVIATIONS, CLOSING, NUMBER_ABBREVIATIONS } from './tokenizer-lexicon.ts';

/**
 * Whether `word` (ending in '.') keeps its period as an abbreviation; `after` is the offset in
 * `text` just after that period (what follows is only looked at for "No.").
 */
export function isAbbreviation(word: string, text: string, after: number): boolean {
  const core = word.slice(0, -1);
  if (core.length === 0) return false;
  const lower = core.toLowerCase();
  if (ABBREVIATIONS.has(lower)) {
    // "No. 5" but "Hell no. Thats …"; "Ill." (Illinois) but "he was ill." — UD EWT + GUM train:
    // "no." is an abbreviation before a number 10 times of 10, a word with its period 23 times
    // otherwise; lower-case "ill."/"mass."/"miss."/"sun." are the word and a period 5 times of 5
    if (NUMBER_ABBREVIATIONS.has(lower)) return /^[\d#]/.test(nextVisible(text, after));
    return !(CAPITALISED_ABBREVIATIONS.has(lower) && core === lower);
  }
  // the last part of a hyphenated word: "D-Calif."
  const dash = core.lastIndexOf('-');
  if (dash >= 0 && dash < core.length - 1 && isAbbreviation(core.slice(dash + 1) + '.', text, after)) return true;
  // initials and dotted acronyms: J. U.S. e.g. a.m. U.S.A.
  if (/^(?:\p{L}\.)*\p{L}$/u.test(core) && (core.length === 1 || core.includes('.'))) return true;
  return false;
}

/** The first non-space character at or after offset `i` ('' at the end of the text). */
function nextVisible(text: string, i: number): string {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i < text.length ? text[i]! : '';
}

/**
 * UD's convention for an abbreviation that ends a sentence ("… wine, cheese, etc. ‖ The …"): its
 * period is the sentence's own token ("etc" + "."). UD EWT + GUM train: 39 of 43 sentence-final
 * listed abbreviations without an inner period ("etc" 28 of 30, "Inc", "Ave", "St"; "et al." 1 of
 * 3); dotted ones ("U.S.", "a.m.") mostly keep theirs, so they are left whole. Done after the
 * sentence decisions, which see the abbreviation as one token.
 */
export function splitFinalAbbreviations(text: string, tokens: Token[], sentences: Sentence[]): { sentences: Sentence[]; tokens: Token[] } {
  const ends = new Set<number>();
  for (const s of sentences) {
    let j = s.endToken - 1;
    while (j > s.firstToken && CLOSING.has(tokens[j]!.text)) j--;
    const w = tokens[j]!.text;
    if (w.length > 2 && w.endsWith('.') && !w.slice(0, -1).includes('.') && ABBREVIATIONS.has(w.slice(0, -1).toLowerCase())) {
      ends.add(j);
    }
  }
  if (ends.size === 0) return { sentences, tokens };
  const out: Token[] = [];
  const sents: Sentence[] = [];
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    const first = out.length;
    for (let k = s.firstToken; k < s.endToken; k++) {
      const t = tokens[k]!;
      if (ends.has(k)) {
        out.push(newToken(t.start, t.end - 1, text.slice(t.start, t.end - 1), si));
        out.push(newToken(t.end - 1, t.end, '.', si));
      } else out.push(t);
    }
    sents.push({ ...s, firstToken: first, endToken: out.length });
  }
  return { sentences: sents, tokens: out };
}
