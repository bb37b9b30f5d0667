/**
 * @module extract/tree
 * Read-only views over a parsed `Doc` shared by the claims, events and relations stages: children
 * of a token, subtree spans, which entity a token belongs to, and prepositions (`case` children).
 * Built once per document per stage; the Doc itself is never changed here.
 */
import type { Doc, Entity, Span, Token } from '../nlp/doc.ts';

export class DocView {
  readonly doc: Doc;
  readonly tokens: Token[];
  /** children[i] = indices of tokens whose head is i, in order. */
  readonly children: number[][];
  /** tokenEntity[i] = id of the entity whose mention covers token i. */
  readonly tokenEntity: (string | undefined)[];
  readonly entityById: Map<string, Entity>;
  /** True when a dependency parse is present (some token has a relation). */
  readonly parsed: boolean;

  /** Known lemmas, to choose among stem candidates when the text has no lemmas. */
  readonly vocabulary: ((lemma: string) => boolean) | undefined;

  constructor(doc: Doc, vocabulary?: (lemma: string) => boolean) {
    this.doc = doc;
    this.vocabulary = vocabulary;
    this.tokens = doc.tokens;
    this.children = doc.tokens.map(() => []);
    doc.tokens.forEach((t, i) => {
      if (t.head >= 0 && t.head < doc.tokens.length && t.head !== i) this.children[t.head]!.push(i);
    });
    this.parsed = doc.tokens.some((t) => t.dep !== '');
    this.entityById = new Map(doc.entities.map((e) => [e.id, e]));
    this.tokenEntity = doc.tokens.map(() => undefined);
    // Longer mentions first so a nested short mention ("Iran" in "factions allied with Iran")
    // wins on its own tokens: iterate long → short and let later writes overwrite.
    const mentions = doc.entities
      .flatMap((e) => e.mentions.map((m) => ({ e: e.id, m })))
      .sort((a, b) => b.m.end - b.m.start - (a.m.end - a.m.start));
    for (const { e, m } of mentions) {
      const [first, end] = doc.tokenRange(m);
      for (let i = first; i < end; i++) this.tokenEntity[i] = e;
    }
  }

  lower(i: number): string {
    return this.tokens[i]?.text.toLowerCase() ?? '';
  }

  /** Lemma, falling back to a crude English stem of the form when no lemmatiser ran. */
  lemma(i: number): string {
    const t = this.tokens[i];
    if (!t) return '';
    if (t.lemma) return t.lemma.toLowerCase();
    const w = t.text.toLowerCase();
    return (this.vocabulary && stemCandidates(w).find((c) => this.vocabulary!(c))) || stem(w);
  }

  kids(i: number, ...deps: string[]): number[] {
    const c = this.children[i] ?? [];
    return deps.length === 0 ? c : c.filter((k) => deps.some((d) => this.baseDep(k) === d || this.tokens[k]!.dep === d));
  }

  /** The relation without its subtype: `nsubj:pass` → `nsubj`. */
  baseDep(i: number): string {
    return (this.tokens[i]?.dep ?? '').split(':')[0]!;
  }

  /**
   * Is token s a passive subject? Only when its verb really is passive (has aux:pass): parsers
   * often label "leaders … have moved" nsubj:pass.
   */
  isPassiveSubject(s: number): boolean {
    const h = this.tokens[s]!.head;
    return this.tokens[s]!.dep === 'nsubj:pass' && h >= 0 && this.kids(h, 'aux:pass').length > 0;
  }

  /** Prepositions/case markers of a nominal ("to", "in", "according to"), lower-cased and joined. */
  caseOf(i: number): string {
    return this.kids(i, 'case')
      .map((k) => [k, ...this.kids(k, 'fixed')].map((j) => this.lower(j)).join(' '))
      .join(' ');
  }

  /** All token indices in the subtree of i (i included), sorted. */
  subtree(i: number, exclude: ReadonlySet<number> = new Set()): number[] {
    const out: number[] = [];
    const stack = [i];
    const seen = new Set<number>();
    while (stack.length > 0) {
      const j = stack.pop()!;
      if (seen.has(j) || exclude.has(j)) continue;
      seen.add(j);
      out.push(j);
      for (const k of this.children[j] ?? []) stack.push(k);
    }
    return out.sort((a, b) => a - b);
  }

  /** Character span of a set of tokens, trimmed of edge punctuation. */
  spanOf(idx: number[]): Span | undefined {
    const sorted = [...idx].sort((a, b) => a - b);
    while (sorted.length > 0 && this.tokens[sorted[0]!]!.pos === 'PUNCT' && !/^[“"‘']$/.test(this.tokens[sorted[0]!]!.text)) sorted.shift();
    while (sorted.length > 0 && /^[,;:.]$/.test(this.tokens[sorted[sorted.length - 1]!]!.text)) sorted.pop();
    if (sorted.length === 0) return undefined;
    return { start: this.tokens[sorted[0]!]!.start, end: this.tokens[sorted[sorted.length - 1]!]!.end };
  }

  /** Is `a` an ancestor of (or equal to) `b`? */
  dominates(a: number, b: number): boolean {
    for (let j = b, n = 0; j >= 0 && n < 200; j = this.tokens[j]!.head, n++) if (j === a) return true;
    return false;
  }

  /** Entity of the nominal headed by i: the token itself, else the first entity in its compact NP. */
  entityOfNominal(i: number): string | undefined {
    return this.entitiesOfNominal(i)[0];
  }

  /**
   * The entity of a mention that starts at token k and runs past k's subtree: the parser broke the
   * phrase ("of Iran-aligned factions" parsed as "of Iran", with "aligned factions" hung elsewhere),
   * and the mention, not the name at its start, is what the phrase names. Undefined otherwise.
   */
  mentionBrokenAt(k: number): string | undefined {
    const t = this.tokens[k]!;
    const sub = this.subtree(k);
    const subEnd = this.tokens[sub[sub.length - 1]!]!.end;
    let best: { e: string; end: number } | undefined;
    for (const e of this.doc.entities) {
      if (e.id === this.tokenEntity[k]) continue;
      for (const m of e.mentions) if (m.start === t.start && m.end > subEnd && (!best || m.end > best.end)) best = { e: e.id, end: m.end };
    }
    return best?.e;
  }

  /** Whether token k lies inside one of entity e's own mentions. */
  insideMentionOf(e: string, k: number): boolean {
    const t = this.tokens[k]!;
    return this.entityById.get(e)?.mentions.some((m) => m.start <= t.start && t.end <= m.end) ?? false;
  }

  /** Whether token k lies inside a time expression ("in recent days"): such phrases are no places or actors. */
  isTime(k: number): boolean {
    const t = this.tokens[k]!;
    return this.doc.times.some((x) => x.start <= t.start && t.end <= x.end);
  }

  /**
   * Entities named after token k up to the end of its sentence (or a clause break), outermost
   * mentions only, in text order: "attended by X and leaders of Y, including Z" → X, Y, Z.
   */
  entitiesAfter(k: number): string[] {
    const sent = this.doc.sentences[this.tokens[k]!.sentence]!;
    const from = this.tokens[k]!.end;
    let to = sent.end;
    for (let m = k + 1; m < sent.endToken; m++) {
      const t = this.tokens[m]!;
      // a new finite clause or a semicolon ends the list ("including" is a preposition here)
      if (t.text === ';' || ((t.pos === 'VERB' || t.pos === 'AUX') && !/^(including|such)$/i.test(t.text) && m > k + 1)) {
        to = t.start;
        break;
      }
    }
    const found: Array<{ e: string; start: number; end: number }> = [];
    for (const e of this.doc.entities) for (const m of e.mentions) if (m.start >= from && m.end <= to) found.push({ e: e.id, start: m.start, end: m.end });
    const outer = found.filter((a) => !found.some((b) => b !== a && b.start <= a.start && a.end <= b.end && b.end - b.start > a.end - a.start));
    outer.sort((a, b) => a.start - b.start);
    return [...new Set(outer.map((x) => x.e))];
  }

  /**
   * Entities a nominal stands for: its own entity, else those of its modifiers ("American and
   * Israeli interests" → both; "Iranian officials" → Iran).
   */
  entitiesOfNominal(i: number): string[] {
    const own = this.tokenEntity[i];
    if (own) {
      // a name parsed as one flat/compound chain ("Arab League Secretary-General Chedli Klibi"):
      // the person first, then the other entities named in it
      // (a place nested inside the entity's own mention, "Iran-aligned factions", is not another participant)
      const inName = [i, ...this.kids(i, 'flat', 'compound').filter((k) => !this.insideMentionOf(own, k))]
        .map((k) => this.tokenEntity[k])
        .filter((e): e is string => e !== undefined);
      const uniq = [...new Set(inName)];
      uniq.sort((a, b) => Number(this.entityById.get(b)?.type === 'PERSON') - Number(this.entityById.get(a)?.type === 'PERSON'));
      return uniq;
    }
    const out: string[] = [];
    // names before adjectives: in "the Kurdish Rudaw network" the network is Rudaw; "Kurdish" only qualifies it
    const kids = [...this.kids(i, 'compound', 'flat', 'nmod:poss', 'det:poss'), ...this.kids(i, 'amod')];
    for (const k of kids) {
      for (const j of [k, ...this.kids(k, 'conj')]) {
        const e = this.tokenEntity[j];
        if (e && !out.includes(e)) out.push(e);
      }
    }
    return out;
  }

  /**
   * Entities a nominal argument stands for, following coordination, appositions and "including"
   * lists: "Syria and Lebanon" → both; "leaders of factions" → the factions when "leaders" is no
   * entity; "factions, including X" → the factions and X.
   */
  entitiesOfArg(i: number, { followOf = true } = {}): string[] {
    const out: string[] = [];
    const add = (e: string | undefined) => {
      if (e && !out.includes(e)) out.push(e);
    };
    const visit = (j: number, depth: number) => {
      if (depth > 5) return;
      const es = this.entitiesOfNominal(j);
      es.forEach(add);
      // "the Deputy Commander of X, Y": the apposition names the referent; X is not it
      const appos = this.kids(j, 'appos').flatMap((k) => this.entitiesOfNominal(k));
      appos.forEach(add);
      // "the Deputy Commander of X, Name,": a nominal with no entity of its own whose phrase is
      // followed in the text by a comma and a person's name is that person, whatever the parser
      // made of the apposition (it may hang the name on X as a conjunct)
      const named = es.length === 0 && appos.length === 0 ? this.personAfterPhrase(j) : undefined;
      if (named) add(named);
      else if (es.length === 0 && appos.length === 0 && followOf) {
        // "leaders of X", "several of X", "locations in X": the head is generic, the entity is X
        let followed = false;
        for (const k of this.kids(j, 'nmod')) {
          const c = this.caseOf(k);
          if (c === 'of' || c === 'in' || c === 'from') {
            const broken = this.mentionBrokenAt(k);
            if (broken) add(broken);
            else visit(k, depth + 1);
            followed = true;
          }
        }
        // the parser hung "of X" elsewhere: take the entity right after "of" in the text
        if (!followed && this.lower(j + 1) === 'of') {
          const e = this.entityAfterOf(j + 1);
          if (e) add(e);
        }
      }
      for (const k of this.kids(j, 'conj')) visit(k, depth + 1);
      // a nominal modifier with no preposition is a mis-attached conjunct or apposition
      for (const k of this.kids(j, 'nmod')) if (this.caseOf(k) === '' && this.tokens[k]!.dep === 'nmod') visit(k, depth + 1);
      for (const k of this.children[j] ?? []) {
        // "including X" as a case-marked nmod, or as a verb with its object (both occur in UD)
        if (this.caseOf(k) === 'including' || this.caseOf(k) === 'such as') visit(k, depth + 1);
        else if (this.lower(k) === 'including') for (const o of this.kids(k, 'obj', 'nmod', 'obl')) visit(o, depth + 1);
      }
    };
    visit(i, 0);
    return out;
  }

  /**
   * The person named in apposition after nominal j's phrase in the text: j's phrase runs to the
   * next comma (at most 10 tokens, no verb), a PERSON mention starts right after that comma and
   * is followed by a comma, "and", a bracket or the end of the sentence. Undefined otherwise.
   */
  personAfterPhrase(j: number): string | undefined {
    const t0 = this.tokens[j]!;
    if (t0.pos !== 'NOUN' && t0.pos !== 'PROPN') return undefined;
    const sent = this.doc.sentences[t0.sentence]!;
    let comma = -1;
    for (let m = j + 1; m < Math.min(sent.endToken, j + 11); m++) {
      const t = this.tokens[m]!;
      if (t.text === ',') {
        comma = m;
        break;
      }
      if (t.pos === 'VERB' || t.pos === 'AUX' || t.text === ';' || t.text === '(') return undefined;
    }
    if (comma < 0 || comma + 1 >= sent.endToken) return undefined;
    const start = this.tokens[comma + 1]!.start;
    for (const e of this.doc.entities) {
      if (e.type !== 'PERSON') continue;
      for (const m of e.mentions) {
        if (m.start !== start) continue;
        const [, end] = this.doc.tokenRange(m);
        const next = end < sent.endToken ? this.tokens[end]!.text.toLowerCase() : '';
        if (next === '' || next === ',' || next === 'and' || next === ')' || next === '.') return e.id;
      }
    }
    return undefined;
  }

  /**
   * The entity of the noun phrase that starts after the "of" at token k: the entity of the phrase's
   * last noun ("of Iran-aligned factions" → the factions, not Iran), same sentence, a few tokens.
   */
  entityAfterOf(k: number): string | undefined {
    const sent = this.doc.sentences[this.tokens[k]!.sentence]!;
    let found: string | undefined;
    for (let m = k + 1; m < Math.min(sent.endToken, k + 8); m++) {
      const t = this.tokens[m]!;
      if (t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'ADP' || t.pos === 'CCONJ' || t.text === ',') break;
      if ((t.pos === 'NOUN' || t.pos === 'PROPN') && this.tokenEntity[m]) found = this.tokenEntity[m];
    }
    return found;
  }

  /** Entities whose mentions lie inside `span`, in text order. */
  entitiesIn(span: Span): string[] {
    const [first, end] = this.doc.tokenRange(span);
    const out: string[] = [];
    for (let i = first; i < end; i++) {
      const e = this.tokenEntity[i];
      if (e && !out.includes(e)) out.push(e);
    }
    return out;
  }

  /** Paragraph index of every sentence (a blank line in the text between sentences starts a new one). */
  paragraphs(): number[] {
    const out: number[] = [];
    let p = 0;
    this.doc.sentences.forEach((s, i) => {
      if (i > 0) {
        const gap = this.doc.text.slice(this.doc.sentences[i - 1]!.end, s.start);
        if (/\n/.test(gap)) p += 1;
      }
      out.push(p);
    });
    return out;
  }
}

const IRREGULAR: Record<string, string> = {
  said: 'say', says: 'say', told: 'tell', wrote: 'write', written: 'write', spoke: 'speak', spoken: 'speak',
  met: 'meet', held: 'hold', led: 'lead', sent: 'send', struck: 'strike', fought: 'fight', took: 'take',
  went: 'go', gone: 'go', made: 'make', began: 'begin', begun: 'begin', sources: 'source', officials: 'official',
};

/**
 * Lemma candidates for untagged text (pretokenized input before the tagger, tests): the
 * irregular form, else the form with -ied/-ies → -y, -ed → -e / "" / undoubled, -ing, -s
 * stripped. Callers pick the first candidate their vocabulary knows. Only used when
 * `token.lemma` is empty.
 */
export function stemCandidates(w: string): string[] {
  if (IRREGULAR[w]) return [IRREGULAR[w]];
  if (/^[^a-z]/.test(w) || w.length <= 3) return [w];
  const out: string[] = [];
  if (/ie[ds]$/.test(w)) out.push(w.slice(0, -3) + 'y');
  if (/ed$/.test(w)) out.push(w.slice(0, -1), w.slice(0, -2), w.slice(0, -3));
  if (/ing$/.test(w)) out.push(w.slice(0, -3), w.slice(0, -3) + 'e', w.slice(0, -4));
  if (/es$/.test(w)) out.push(w.slice(0, -2));
  if (/s$/.test(w)) out.push(w.slice(0, -1));
  out.push(w);
  return out;
}

/** The most likely single stem (no vocabulary): the form minus its inflection. */
export function stem(w: string): string {
  const c = stemCandidates(w);
  if (/ed$/.test(w) && c.length > 2) return /(?:[^aeiou]e|[aeiou][^aeiouy]|[^aeiou]{2})$/.test(c[1]!) ? c[1]! : c[0]!;
  return c[0]!;
}
