/**
 * @module nlp/tokenizer
 * Rule-based tokenizer and sentence splitter for news English, following the UD English (EWT)
 * conventions the tagger and parser were trained on: clitics split ("do|n't", "it|'s", "ca|n't"),
 * hyphenated compounds split at the hyphen ("al|-|Maliki", "Iran|-|backed") except after the
 * prefixes EWT keeps ("non-", "co-", "e-mail"), abbreviations and initials keep their period
 * ("U.S.", "Gen.", "Sept."), quotes/brackets/ellipses are tokens of their own, apostrophes inside
 * names stay ("Kata'ib", "O'Neil"), URLs, e-mails and numbers ("1,000.5") are one token.
 * Every token carries UTF-16 offsets into the original text. Sentences end at blank lines and
 * sentence punctuation (rules below), plus the breaks without punctuation that the small learned
 * classifier in sentence-model.ts finds (models/sentences.bin, loaded on first use).
 *
 * `pretokenizedDocs` reads the `--pretokenized` format instead (one sentence per line, tokens
 * separated by single spaces, blank line between documents) and keeps those tokens exactly.
 */
import { newToken, type Sentence, type Token } from './doc.ts';
import type { Stage } from '../pipeline/stage.ts';
import { blankLineBetween, isCandidate, loadSentenceModel, type SentenceModel } from './sentence-model.ts';
import { CLOSING, HYPHEN_PREFIXES, SENTENCE_FINAL_ABBREVIATIONS } from './tokenizer-lexicon.ts';
import { isAbbreviation, splitFinalAbbreviations } from './tokenizer-abbreviations.ts';

export interface Tokenized {
  sentences: Sentence[];
  tokens: Token[];
}

type SpanPair = [number, number];

const URL_RE = /^(?:(?:https?|ftp):\/\/|www\.)[^\s<>"“”]+$/i;
const EMAIL_RE = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;
/** Looks like a domain name: example.com, risk-conferences.co.uk */
const DOMAIN_RE = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|mil|int|info|io|co|uk|ca|de|fr|ir|iq|sy|lb|il|ru|cn)(?:\/\S*)?$/i;
const LEAD_PUNCT = new Set(['"', '“', '‘', '(', '[', '{', '<', '«', '„', '*', '¿', '¡']);
const TRAIL_SINGLE = new Set([',', ';', ':', '"', '”', '’', "'", ')', ']', '}', '>', '»', '*']);
const CURRENCY = new Set(['$', '£', '€', '¥', '#']);
const DASHES = new Set(['—', '–', '―']);
/** Apostrophe-initial words that are not quotes. */
const APOSTROPHE_WORD_RE = /^['’](?:\d0s|\d\d|em|cause|til|n|tis|twas)$/i;
const LETTER_RE = /\p{L}/u;
const UPPER_START_RE = /^[\p{Lu}\d"“‘'(\[«¿¡*•-]/u;
const LOWER_START_RE = /^\p{Ll}/u;
const TERMINAL_RE = /^(?:[.!?]+|…+|\.\.+|[!?][!?.]*)$/;
/** Force a sentence break in very long runs (tables, lists without punctuation). */
const MAX_SENTENCE_TOKENS = 200;

/** Split one piece without internal punctuation into clitics and hyphen parts. */
function splitWord(text: string, s: number, e: number, out: SpanPair[]): void {
  const w = text.slice(s, e);
  let m = /^(.*\p{L})(n['’]t)$/iu.exec(w);
  if (m && m[1]!.length > 0) {
    splitHyphens(text, s, s + m[1]!.length, out);
    out.push([s + m[1]!.length, e]);
    return;
  }
  m = /^(.*[\p{L}\d])(['’](?:s|m|d|ll|re|ve))$/iu.exec(w);
  if (m && /^\d+['’]s$/i.test(w)) m = null; // decades: "70's"
  if (m) {
    const stem = m[1]!;
    const cl = m[2]!.slice(1).toLowerCase();
    // Arabic-derived names: Sa'd, Mu'min — only treat 'd/'m as clitics after plain lower-case words or pronouns.
    const nameLike = /^\p{Lu}/u.test(stem) && !/^(?:I|He|She|It|We|You|They|That|There|Who|What|Where|How|Here)$/i.test(stem);
    if (cl === 's' || cl === 'll' || cl === 're' || cl === 've' || !nameLike) {
      splitHyphens(text, s, s + stem.length, out);
      out.push([s + stem.length, e]);
      return;
    }
  }
  const inf = INFORMAL_RE.exec(w);
  if (inf) {
    const first = inf[1] ?? inf[3] ?? inf[5] ?? '';
    out.push([s, s + first.length], [s + first.length, e]);
    return;
  }
  m = /^(gon|wan|got)(na|ta)$/i.exec(w) ?? /^(can)(not)$/i.exec(w);
  if (m) {
    out.push([s, s + m[1]!.length], [s + m[1]!.length, e]);
    return;
  }
  splitHyphens(text, s, e, out);
}

function splitHyphens(text: string, s: number, e: number, out: SpanPair[]): void {
  const w = text.slice(s, e);
  if (!/[^-]-[^-]/.test(w)) {
    out.push([s, e]);
    return;
  }
  // Phone numbers and ids made of digit groups stay whole (281-435-0295, 3-5213, 2005-11-26);
  // ranges such as 1990-1991 or 3-5 are split.
  if (/^\+?\d+(?:-\d+){2,}$/.test(w) || /^\d{1,3}-\d{4}$/.test(w)) {
    out.push([s, e]);
    return;
  }
  const parts = w.split('-');
  let pos = s;
  let pieceStart = s;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const end = pos + p.length;
    if (i === parts.length - 1) {
      if (end > pieceStart) out.push([pieceStart, end]);
      break;
    }
    const next = parts[i + 1]!;
    const keep = p.length > 0 && next.length > 0 && i === 0 && HYPHEN_PREFIXES.has(p.toLowerCase());
    if (!keep) {
      if (end > pieceStart) out.push([pieceStart, end]);
      out.push([end, end + 1]);
      pieceStart = end + 1;
    }
    pos = end + 1;
  }
}

/** Emoticons, arrows and rules made of repeated symbols are one token: ":-)", "<<", "*****". */
const SYMBOL_TOKEN_RE = /^(?:[:;=8][-o^']?[()\[\]dDpP/\\|*]+|[(][-^]?[:;]|<3|<<+|>>+|([*=_~#+-])\1+|[-=]+[>]|<[-=]+|[.]{2,}|[!?]{2,})$/;
/** Informal contractions without apostrophe that UD English splits: "dont" → do|nt, "im" → i|m. */
const INFORMAL_RE = /^(?:(do|does|did|ca|wo|is|was|are|were|have|has|had|could|should|would|ai|need)(nt)|(i)(m|ve)|(a)(lot))$/i;

/** Split a whitespace-free chunk [s, e) of `text` into token spans. */
function splitChunk(text: string, s: number, e: number, out: SpanPair[]): void {
  if (SYMBOL_TOKEN_RE.test(text.slice(s, e))) {
    out.push([s, e]);
    return;
  }
  // Leading punctuation.
  while (s < e) {
    const c = text[s]!;
    const rest = text.slice(s, e);
    if ((c === '*' || c === '=' || c === '~' || c === '_' || c === '<' || c === '>') && e - s > 1) {
      // a run of the same symbol is one token ("****NOTICE****")
      let j = s;
      while (j < e && text[j] === c) j++;
      if (j === e) break;
      out.push([s, j]);
      s = j;
    } else if (LEAD_PUNCT.has(c) && e - s > 1) {
      out.push([s, s + 1]);
      s++;
    } else if ((c === "'" || c === '‘' || c === '’') && e - s > 1 && !APOSTROPHE_WORD_RE.test(rest.replace(/[^\w'’]+$/, ''))) {
      out.push([s, s + 1]);
      s++;
    } else if (CURRENCY.has(c) && e - s > 1 && /\d/.test(text[s + 1]!)) {
      out.push([s, s + 1]);
      s++;
    } else if ((c === '-' || DASHES.has(c)) && e - s > 1) {
      let j = s;
      while (j < e && (text[j] === '-' || DASHES.has(text[j]!))) j++;
      if (j === e) break;
      out.push([s, j]);
      s = j;
    } else break;
  }
  // Trailing punctuation, collected back to front.
  const tail: SpanPair[] = [];
  while (e > s) {
    const w = text.slice(s, e);
    if (URL_RE.test(w) || EMAIL_RE.test(w)) {
      // a URL may end in '/', but not in sentence punctuation
      if (/[.,;:!?'"”’)\]]$/.test(w) && !(w.endsWith(')') && w.includes('('))) {
        tail.push([e - 1, e]);
        e--;
        continue;
      }
      break;
    }
    const c = text[e - 1]!;
    if (e - s === 1) break;
    if (c === '.' ) {
      let j = e - 1;
      while (j > s && text[j - 1] === '.') j--;
      if (e - j === 2 && isAbbreviation(text.slice(s, e - 1), text, e - 1)) {
        // "Inc.." = abbreviation + sentence period
        tail.push([e - 1, e]);
        e--;
        break;
      }
      if (e - j >= 2) {
        tail.push([j, e]);
        e = j;
        continue;
      }
      if (isAbbreviation(w, text, e)) break;
      tail.push([e - 1, e]);
      e--;
      continue;
    }
    if ((c === '*' || c === '=' || c === '~' || c === '_' || c === '<' || c === '>') && e - s > 1) {
      let j = e - 1;
      while (j > s && text[j - 1] === c) j--;
      if (j === s) break;
      tail.push([j, e]);
      e = j;
      continue;
    }
    if (c === '…') {
      tail.push([e - 1, e]);
      e--;
      continue;
    }
    if (c === '!' || c === '?') {
      let j = e - 1;
      while (j > s && (text[j - 1] === '!' || text[j - 1] === '?')) j--;
      if (j === s) break;
      tail.push([j, e]);
      e = j;
      continue;
    }
    if (c === '%' && /\d/.test(text[e - 2]!)) {
      tail.push([e - 1, e]);
      e--;
      continue;
    }
    if (TRAIL_SINGLE.has(c)) {
      // keep ')' of "account(s)"-style words only when balanced inside; otherwise split
      if (c === ')' && w.slice(0, -1).includes('(') && !w.startsWith('(')) {
        break;
      }
      tail.push([e - 1, e]);
      e--;
      continue;
    }
    if (c === '-' || DASHES.has(c)) {
      let j = e - 1;
      while (j > s && (text[j - 1] === '-' || DASHES.has(text[j - 1]!))) j--;
      if (j === s) break;
      tail.push([j, e]);
      e = j;
      continue;
    }
    break;
  }
  if (e > s) splitMiddle(text, s, e, out);
  for (let i = tail.length - 1; i >= 0; i--) out.push(tail[i]!);
}

/** Split inside a chunk at punctuation that is always a token of its own (dashes, slashes between words, commas between words, quotes, brackets). */
function splitMiddle(text: string, s: number, e: number, out: SpanPair[]): void {
  const w = text.slice(s, e);
  if (URL_RE.test(w) || EMAIL_RE.test(w) || DOMAIN_RE.test(w)) {
    out.push([s, e]);
    return;
  }
  let p = s;
  for (let i = s; i < e; i++) {
    const c = text[i]!;
    const prev = i > s ? text[i - 1]! : '';
    const next = i + 1 < e ? text[i + 1]! : '';
    let len = 0;
    if (DASHES.has(c) || c === '…' || c === '"' || c === '“' || c === '”' || c === '(' || c === ')' || c === '[' || c === ']' || c === ';') len = 1;
    else if (c === '-' && next === '-') {
      len = 2;
      while (i + len < e && text[i + len] === '-') len++;
    } else if (c === '.' && next === '.' ) {
      len = 2;
      while (i + len < e && text[i + len] === '.') len++;
    } else if (c === '/' && /^(?:b\/c|w\/o|w\/|a\/c|n\/a|c\/o|s\/he)$/i.test(text.slice(s, e))) len = 0;
    else if ((c === ',' || c === ':' || c === '/') && !(/\d/.test(prev) && /\d/.test(next))) len = 1;
    else if ((c === '!' || c === '?') && i > s) {
      len = 1;
      while (i + len < e && (text[i + len] === '!' || text[i + len] === '?')) len++;
    }
    else if (c === '.' && LETTER_RE.test(prev) && /\p{Lu}/u.test(next) && /\p{Ll}{2}$/u.test(text.slice(p, i)) && !/\./.test(text.slice(p, i))) {
      // "end.Next" typed without a space
      len = 1;
    }
    if (len > 0) {
      if (i > p) splitWord(text, p, i, out);
      out.push([i, i + len]);
      i += len - 1;
      p = i + 1;
    }
  }
  if (p < e) splitWord(text, p, e, out);
}

/** Token spans of `text`, without sentences. */
export function tokenSpans(text: string): SpanPair[] {
  const out: SpanPair[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) splitChunk(text, m.index, m.index + m[0].length, out);
  return out;
}

/**
 * True when the period at token `i` closes a list number that opens the sentence ("1. The
 * pricing …", "*2. The second …"): the item's sentence goes on (UD EWT/GUM train: 59 of 59).
 */
function isListNumber(tokens: readonly Token[], sentStart: number, i: number): boolean {
  const n = tokens[i - 1];
  if (i - 1 < sentStart || !n || n.end !== tokens[i]!.start || !/^\d{1,2}$/.test(n.text)) return false;
  return i - 1 === sentStart || (i - 2 === sentStart && /^[*(#]$/.test(tokens[sentStart]!.text));
}

/**
 * Tokenize `text` and split it into sentences. Offsets are UTF-16 code units into `text`.
 * @example
 *   tokenize("Gen. Smith didn't go. He stayed.").sentences.length // 2
 */
export function tokenize(text: string, opts: TokenizerOptions = {}): Tokenized {
  const { sentences, tokens } = segment(text, opts);
  return splitFinalAbbreviations(text, tokens, sentences);
}

/**
 * Tokens and sentences as the sentence decisions see them: a sentence-final abbreviation is still
 * one token ("etc."). `tokenize` then gives its period a token of its own; training the sentence
 * classifier uses this form, with `onRuleBreak` indices into these tokens.
 */
export function segment(text: string, { maxSentenceTokens = MAX_SENTENCE_TOKENS, sentenceModel, deferUnsure, onRuleBreak }: TokenizerOptions = {}): Tokenized {
  const model = sentenceModel === undefined ? loadSentenceModel() : sentenceModel;
  const spans = tokenSpans(text);
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  let sentStart = 0;
  const close = (endTok: number) => {
    if (endTok <= sentStart) return;
    const si = sentences.length;
    for (let k = sentStart; k < endTok; k++) tokens[k]!.sentence = si;
    sentences.push({ start: tokens[sentStart]!.start, end: tokens[endTok - 1]!.end, firstToken: sentStart, endToken: endTok });
    sentStart = endTok;
  };
  for (const [s, e] of spans) tokens.push(newToken(s, e, text.slice(s, e), -1));
  // the gap after this token is a punctuation break the model dropped: no other rule may split it
  let vetoed = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (!next) break;
    const gap = text.slice(t.end, next.start);
    if (blankLineBetween(text, t.end, next.start)) {
      onRuleBreak?.(i, false);
      close(i + 1);
      continue;
    }
    if (i + 1 - sentStart >= maxSentenceTokens) {
      onRuleBreak?.(i, false);
      close(i + 1);
      continue;
    }
    if (i === vetoed) continue;
    let boundary = false;
    if (TERMINAL_RE.test(t.text) || (t.text.endsWith('.') && SENTENCE_FINAL_ABBREVIATIONS.has(t.text.slice(0, -1).toLowerCase()))) {
      // Absorb closing quotes and brackets that belong to this sentence.
      let j = i;
      while (j + 1 < tokens.length && CLOSING.has(tokens[j + 1]!.text) && (tokens[j + 1]!.start === tokens[j]!.end || /[”’)\]}»]/.test(tokens[j + 1]!.text))) j++;
      const after = tokens[j + 1];
      if (!after) break;
      const abbrevEnd = !TERMINAL_RE.test(t.text);
      const ellipsis = t.text.startsWith('..') || t.text.startsWith('…');
      if (abbrevEnd) {
        // after "etc." only a capitalised word (not an acronym or number) starts a new sentence
        boundary = /^\p{Lu}\p{Ll}/u.test(after.text);
      } else if (ellipsis) {
        boundary = UPPER_START_RE.test(after.text) && !LOWER_START_RE.test(after.text);
      } else {
        // A split-off period, '!' or '?' ends the sentence unless punctuation continues it
        // ("Yahoo! and", "?,"); lower-case starts are common in informal text.
        // A short capitalised word before the period ("Calif.", "Gov.") is probably an
        // abbreviation we do not list: then only a capitalised word starts a new sentence.
        const prev = tokens[i - 1];
        const abbrevLike = t.text === '.' && prev !== undefined && prev.end === t.start && /^\p{Lu}\p{Ll}{1,3}$/u.test(prev.text);
        boundary = !/^[,;:.!?%)\]}]/.test(after.text) && !(abbrevLike && LOWER_START_RE.test(after.text)) && !isListNumber(tokens, sentStart, i);
      }
      // An ellipsis is as often a pause as an end ("Nice people... I hear"), and a bracket after
      // the period is usually a citation ("in 1971. [1] Fillmore …"): such breaks are left to the
      // learned model, which sees the gap as a candidate.
      const unsure = ellipsis || after.text === '[';
      if (boundary && unsure && (deferUnsure ?? model !== null)) boundary = false;
      // the model may overrule a sure break too, when it is confident ("Yahoo! ‖ and AOL")
      if (boundary && model && !unsure && !text.slice(tokens[j]!.end, after.start).includes('\n') && model.vetoes(text, tokens, j, j + 1 - sentStart)) {
        vetoed = j;
        continue;
      }
      if (boundary) {
        onRuleBreak?.(j, true);
        close(j + 1);
        i = j;
        continue;
      }
    }
    if (gap.includes('\n')) {
      // A single line break ends a sentence when the line looks like a heading or list item, or
      // the next line starts like a sentence after a line that was not hard-wrapped prose.
      const lineStart = text.lastIndexOf('\n', t.start) + 1;
      const lineLen = t.end - lineStart;
      if (UPPER_START_RE.test(next.text) && (lineLen < 60 || /[:.!?"”]$/.test(t.text))) {
        onRuleBreak?.(i, false);
        close(i + 1);
        continue;
      }
    }
    if (model && isCandidate(text, tokens, i, sentStart) && model.isBoundary(text, tokens, i, i + 1 - sentStart)) close(i + 1);
  }
  close(tokens.length);
  return { sentences, tokens };
}

/**
 * Parse `--pretokenized` input: one sentence per line, tokens separated by single spaces, a blank
 * line between documents. Each document's text is its lines joined by '\n', so every token keeps
 * its offset.
 */
export function pretokenizedDocs(input: string): Array<{ text: string } & Tokenized> {
  const docs: Array<{ text: string } & Tokenized> = [];
  const blocks = input.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n+/);
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const text = lines.join('\n');
    const tokens: Token[] = [];
    const sentences: Sentence[] = [];
    let off = 0;
    for (const line of lines) {
      const si = sentences.length;
      const first = tokens.length;
      let p = 0;
      for (const piece of line.split(' ')) {
        if (piece !== '') tokens.push(newToken(off + p, off + p + piece.length, piece, si));
        p += piece.length + 1;
      }
      if (tokens.length > first) {
        sentences.push({ start: tokens[first]!.start, end: tokens[tokens.length - 1]!.end, firstToken: first, endToken: tokens.length });
      }
      off += line.length + 1;
    }
    docs.push({ text, sentences, tokens });
  }
  return docs;
}

export interface TokenizerOptions {
  /** Upper bound on sentence length in tokens before a forced break (default 200). */
  maxSentenceTokens?: number;
  /**
   * Learned boundary classifier for gaps without sentence punctuation. Default: the shipped
   * models/sentences.bin (loaded on first use); `null`: punctuation and layout rules only.
   */
  sentenceModel?: SentenceModel | null;
  /**
   * Leave punctuation breaks the rules are unsure of to the learned model (default: when a model
   * is used). Training sets it with `sentenceModel: null` to collect those gaps as candidates.
   */
  deferUnsure?: boolean;
  /**
   * Called at every break the rules make (not the model's), with the index of the token that
   * ends the sentence and whether it is a punctuation break (which a model may overrule).
   * Training uses it to tell those from blank lines and layout breaks.
   */
  onRuleBreak?: (endToken: number, punctuation: boolean) => void;
}

/** Pipeline stage: fills `doc.sentences` and `doc.tokens` from `doc.text`. */
export function tokenizer(opts: TokenizerOptions = {}): Stage {
  return {
    name: 'tokenizer',
    requires: [],
    assigns: ['sentences', 'tokens'],
    run(doc) {
      const { sentences, tokens } = tokenize(doc.text, opts);
      doc.sentences = sentences;
      doc.tokens = tokens;
    },
  };
}
