/**
 * @module scripts/lib/conllu
 * A small CoNLL-U reader for the Universal Dependencies treebanks in ../shared/data/ud, used by
 * training and evaluation scripts (never by the product at run time). Keeps what the NLP models
 * learn from: word forms, lemmas, UPOS/XPOS, heads, relations, MISC (SpaceAfter, Entity=), the
 * `# text` line, document (`# newdoc`) and paragraph (`# newpar`) starts, and multiword tokens.
 */
import { readFileSync } from 'node:fs';
import { DossierError } from '../../src/errors.ts';

export interface UdWord {
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  /** 0-based index of the head word in the sentence, -1 for the root. */
  head: number;
  /** Basic UD relation with its subtype (e.g. `nmod:poss`). */
  deprel: string;
  feats: string;
  misc: string;
  /** False when MISC says SpaceAfter=No. */
  spaceAfter: boolean;
}

/** A multiword token such as "don't" = do + n't: words [first, last] inclusive, 0-based. */
export interface UdMultiword {
  first: number;
  last: number;
  form: string;
  spaceAfter: boolean;
}

export interface UdSentence {
  id: string;
  /** The `# text` line ('' when absent). */
  text: string;
  /** Id of the document this sentence starts, when it starts one. */
  newdoc?: string;
  /** True when a `# newpar` comment precedes the sentence (or it starts a document). */
  newpar: boolean;
  words: UdWord[];
  multiwords: UdMultiword[];
  /** Raw comment lines (without the leading '# '), e.g. for GUM's entity annotations. */
  comments: string[];
}

/** Parse CoNLL-U text. Empty nodes (ids like 8.1) are skipped. */
export function parseConllu(source: string, name = 'conllu'): UdSentence[] {
  const out: UdSentence[] = [];
  let cur: UdSentence | null = null;
  const lines = source.split('\n');
  const finish = () => {
    if (cur && cur.words.length > 0) out.push(cur);
    cur = null;
  };
  const start = (): UdSentence => {
    if (!cur) cur = { id: '', text: '', newpar: false, words: [], multiwords: [], comments: [] };
    return cur;
  };
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln]!.replace(/\r$/, '');
    if (line === '') {
      finish();
      continue;
    }
    if (line.startsWith('#')) {
      const s = start();
      const body = line.replace(/^#\s?/, '');
      s.comments.push(body);
      const m = /^(\w+)\s*=\s?(.*)$/.exec(body);
      if (m) {
        const key = m[1]!;
        const val = m[2]!;
        if (key === 'text') s.text = val;
        else if (key === 'sent_id') s.id = val;
        else if (key === 'newdoc' && body.startsWith('newdoc id')) {
          s.newdoc = val;
          s.newpar = true;
        } else if (key === 'newpar') s.newpar = true;
      } else if (body.startsWith('newdoc id')) {
        s.newdoc = body.replace(/^newdoc id\s*=\s*/, '');
        s.newpar = true;
      } else if (body === 'newdoc') {
        s.newdoc = '';
        s.newpar = true;
      } else if (body === 'newpar' || body.startsWith('newpar ')) s.newpar = true;
      continue;
    }
    const s = start();
    const cols = line.split('\t');
    if (cols.length !== 10) {
      throw new DossierError('INPUT_FORMAT', `parseConllu: ${name} line ${ln + 1} has ${cols.length} columns, expected 10`, { input: name });
    }
    const id = cols[0]!;
    if (id.includes('.')) continue;
    const misc = cols[9]!;
    const spaceAfter = !/(^|\|)SpaceAfter=No(\||$)/.test(misc);
    const dash = id.indexOf('-');
    if (dash > 0) {
      s.multiwords.push({ first: Number(id.slice(0, dash)) - 1, last: Number(id.slice(dash + 1)) - 1, form: cols[1]!, spaceAfter });
      continue;
    }
    s.words.push({
      form: cols[1]!,
      lemma: cols[2]!,
      upos: cols[3]!,
      xpos: cols[4]!,
      head: cols[6] === '_' ? -1 : Number(cols[6]) - 1,
      deprel: cols[7]!,
      feats: cols[5]!,
      misc,
      spaceAfter,
    });
  }
  finish();
  return out;
}

/** Read and parse a CoNLL-U file, failing with a DossierError that names the file. */
export function readConllu(path: string): UdSentence[] {
  let src: string;
  try {
    src = readFileSync(path, 'utf8');
  } catch (e) {
    throw new DossierError('INPUT_UNREADABLE', `readConllu: cannot read ${path} (expected a CoNLL-U treebank file)`, { input: path, cause: e });
  }
  return parseConllu(src, path);
}

/**
 * The surface tokens of a sentence: multiword tokens count once, other words as themselves.
 * `words` gives, for each surface token, the word indices [first, last] it covers.
 */
export function surfaceTokens(s: UdSentence): Array<{ form: string; spaceAfter: boolean; first: number; last: number }> {
  const out: Array<{ form: string; spaceAfter: boolean; first: number; last: number }> = [];
  const mw = new Map<number, UdMultiword>();
  for (const m of s.multiwords) mw.set(m.first, m);
  for (let i = 0; i < s.words.length; ) {
    const m = mw.get(i);
    if (m) {
      out.push({ form: m.form, spaceAfter: m.spaceAfter, first: m.first, last: m.last });
      i = m.last + 1;
    } else {
      const w = s.words[i]!;
      out.push({ form: w.form, spaceAfter: w.spaceAfter, first: i, last: i });
      i++;
    }
  }
  return out;
}

/**
 * Character spans of each word within the sentence's surface text (tokens joined by their
 * SpaceAfter). Words of a multiword token get their own span when they spell the token out
 * (do + n't = don't); otherwise every word of it gets the whole token's span.
 */
export function wordSpans(s: UdSentence): { text: string; spans: Array<[number, number]> } {
  const spans: Array<[number, number]> = new Array(s.words.length);
  let text = '';
  for (const t of surfaceTokens(s)) {
    const start = text.length;
    text += t.form;
    const parts = s.words.slice(t.first, t.last + 1).map((w) => w.form);
    if (parts.join('') === t.form) {
      let p = start;
      for (let i = t.first; i <= t.last; i++) {
        const f = s.words[i]!.form;
        spans[i] = [p, p + f.length];
        p += f.length;
      }
    } else {
      for (let i = t.first; i <= t.last; i++) spans[i] = [start, start + t.form.length];
    }
    if (t.spaceAfter) text += ' ';
  }
  return { text: text.replace(/ $/, ''), spans };
}
