/**
 * @module nlp/lemmatizer
 * Lemmatizer learned from the treebanks: a table of (lower-cased form, XPOS) → lemma for the
 * words the suffix rules get wrong, and suffix rules per XPOS ("ies"+NNS → strip 3, add "y")
 * chosen by frequency. Proper nouns keep their form (UD English convention).
 */

/** Serialisable lemmatizer data, stored in the tagger's model file. */
export interface LemmaData {
  /** [lowerForm \t xpos, lemma] pairs the rules do not produce. */
  exceptions: Array<[string, string]>;
  /** [xpos \t suffix, chars to strip, string to append]. */
  rules: Array<[string, number, string]>;
}

const MAX_SUFFIX = 5;

export class Lemmatizer {
  #exceptions: Map<string, string>;
  #rules: Map<string, [number, string]>;

  constructor(data: LemmaData) {
    this.#exceptions = new Map(data.exceptions);
    this.#rules = new Map(data.rules.map(([k, s, a]) => [k, [s, a]]));
  }

  /** The lemma of `form` tagged `xpos`/`upos`. */
  lemma(form: string, upos: string, xpos: string): string {
    const lower = form.toLowerCase();
    const ex = this.#exceptions.get(`${lower}\t${xpos}`);
    if (ex !== undefined) return ex;
    if (upos === 'PROPN' && xpos !== 'NNPS') return form;
    const base = upos === 'PROPN' ? form : lower;
    const rule = this.#rule(lower, xpos);
    if (rule && rule[0] <= base.length) return base.slice(0, base.length - rule[0]) + rule[1];
    return base;
  }

  #rule(lower: string, xpos: string): [number, string] | undefined {
    for (let L = Math.min(MAX_SUFFIX, lower.length); L >= 1; L--) {
      const r = this.#rules.get(`${xpos}\t${lower.slice(-L)}`);
      if (r) return r;
    }
    return undefined;
  }
}

/** Learn lemmatizer data from (form, xpos, upos, lemma) examples. */
export function trainLemmatizer(examples: Iterable<{ form: string; xpos: string; upos: string; lemma: string }>): LemmaData {
  const table = new Map<string, Map<string, number>>();
  const ruleCounts = new Map<string, Map<string, number>>();
  const bump = (m: Map<string, Map<string, number>>, k: string, v: string) => {
    let r = m.get(k);
    if (!r) m.set(k, (r = new Map()));
    r.set(v, (r.get(v) ?? 0) + 1);
  };
  for (const ex of examples) {
    if (ex.lemma === '_' || ex.lemma === '') continue;
    const lower = ex.form.toLowerCase();
    bump(table, `${lower}\t${ex.xpos}`, ex.lemma);
    if (ex.upos === 'PROPN' && ex.xpos !== 'NNPS') continue;
    const base = ex.upos === 'PROPN' ? ex.form : lower;
    let cp = 0;
    while (cp < base.length && cp < ex.lemma.length && base[cp] === ex.lemma[cp]) cp++;
    const strip = base.length - cp;
    const append = ex.lemma.slice(cp);
    if (strip > 4 || append.length > 4) continue;
    for (let L = Math.max(1, strip); L <= Math.min(MAX_SUFFIX, lower.length); L++) {
      bump(ruleCounts, `${ex.xpos}\t${lower.slice(-L)}`, `${strip}\t${append}`);
    }
  }
  const best = (m: Map<string, number>): [string, number, number] => {
    let bk = '';
    let bc = -1;
    let total = 0;
    for (const [k, c] of m) {
      total += c;
      if (c > bc || (c === bc && k < bk)) {
        bk = k;
        bc = c;
      }
    }
    return [bk, bc, total];
  };
  const rules: Array<[string, number, string]> = [];
  for (const [k, m] of [...ruleCounts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const [v, c] = best(m);
    if (c < 3) continue;
    const [s, a] = v.split('\t');
    // keep only rules that change something, or that override a shorter rule
    rules.push([k, Number(s), a ?? '']);
  }
  // Drop no-op rules whose shorter suffix already gives the same answer (keeps the model small).
  const ruleMap = new Map(rules.map(([k, s, a]) => [k, `${s}\t${a}`]));
  const pruned = rules.filter(([k, s, a]) => {
    const [xpos, suf] = k.split('\t') as [string, string];
    for (let L = suf.length - 1; L >= 1; L--) {
      const shorter = ruleMap.get(`${xpos}\t${suf.slice(-L)}`);
      if (shorter !== undefined) return shorter !== `${s}\t${a}`;
    }
    return s !== 0 || a !== '';
  });
  const lem = new Lemmatizer({ exceptions: [], rules: pruned });
  const exceptions: Array<[string, string]> = [];
  for (const [k, m] of [...table].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const [v] = best(m);
    const [lower, xpos] = k.split('\t') as [string, string];
    // the form's case is unknown here; PROPN keeps its form, so compare on lower-cased words
    const upos = /^NNP/.test(xpos) ? 'PROPN' : 'X';
    if (upos === 'PROPN') {
      if (v.toLowerCase() !== lem.lemma(lower, upos, xpos).toLowerCase()) exceptions.push([k, v]);
    } else if (v !== lem.lemma(lower, upos, xpos)) exceptions.push([k, v]);
  }
  return { exceptions, rules: pruned };
}
