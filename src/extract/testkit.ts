/**
 * @module extract/testkit
 * Test helpers for the extraction stages, so they can be specified before (and independently of)
 * the trained NLP stages: build a `Doc` from CoNLL-U (gold tokens, lemmas, UPOS, heads and
 * relations, as in the UD treebanks) and attach hand-written entities by phrase.
 * Not used by the product at run time.
 */
import { Doc, type Entity, type EntityType, type Token } from '../nlp/doc.ts';

/**
 * One CoNLL-U sentence block (or several, separated by blank lines) → a Doc. The text is taken
 * from `# text =` lines (sentences joined by `sep`); token offsets are found by searching each
 * word form left to right. Multi-word token ranges (`1-2`) are skipped, their words kept.
 */
export function docFromConllu(conllu: string, { publishedAt, sep = ' ' }: { publishedAt?: string; sep?: string } = {}): Doc {
  const blocks = conllu.trim().split(/\n\s*\n/);
  let text = '';
  const sentences: { start: number; end: number; firstToken: number; endToken: number }[] = [];
  const tokens: Token[] = [];
  for (const block of blocks) {
    const lines = block.split('\n').map((l) => l.trimEnd());
    const t = lines.find((l) => l.startsWith('# text ='))?.slice('# text ='.length).trim();
    const rows = lines.filter((l) => /^\d+\t/.test(l)).map((l) => l.split('\t'));
    const sentText = t ?? rows.map((r) => r[1]).join(' ');
    if (text.length > 0) text += lines.some((l) => l.startsWith('# newpar')) ? '\n\n' : sep;
    const base = text.length;
    text += sentText;
    const first = tokens.length;
    let cursor = 0;
    for (const r of rows) {
      const form = r[1]!;
      let at = sentText.indexOf(form, cursor);
      let end = at + form.length;
      if (at < 0) at = end = cursor; // a normalised form: zero-width at the cursor
      cursor = end;
      const head = Number(r[6]);
      tokens.push({
        start: base + at,
        end: base + end,
        text: form,
        sentence: sentences.length,
        pos: r[3] ?? '',
        xpos: r[4] === '_' ? '' : (r[4] ?? ''),
        lemma: r[2] === '_' ? '' : (r[2] ?? ''),
        head: head === 0 ? -1 : first + head - 1,
        dep: r[7] ?? '',
      });
    }
    sentences.push({ start: base, end: base + sentText.length, firstToken: first, endToken: tokens.length });
  }
  const doc = new Doc(text, { id: 'conllu', language: 'en', ...(publishedAt ? { publishedAt } : {}) });
  doc.tokens = tokens;
  doc.sentences = sentences;
  return doc;
}

export interface EntitySpec {
  id: string;
  type: EntityType;
  name?: string;
  subtype?: string;
  anonymous?: boolean;
  /** Phrases whose every (case-sensitive, whole-word) occurrence becomes a mention. */
  phrases: string[];
}

/** Add entities with mentions found by phrase; returns the doc for chaining. */
export function withEntities(doc: Doc, specs: EntitySpec[]): Doc {
  for (const s of specs) {
    const e: Entity = { id: s.id, type: s.type, name: s.name ?? s.phrases[0]!, mentions: [] };
    if (s.subtype) e.subtype = s.subtype;
    if (s.anonymous) e.anonymous = true;
    for (const p of s.phrases) {
      const re = new RegExp(`(?<![\\w-])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g');
      for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) {
        const taken = doc.entities.concat(e).some((o) => o.mentions.some((x) => m!.index === x.start && m!.index + p.length === x.end));
        if (!taken) e.mentions.push({ start: m.index, end: m.index + p.length, text: p });
      }
    }
    e.mentions.sort((a, b) => a.start - b.start);
    doc.entities.push(e);
  }
  return doc;
}

/**
 * Compact gold trees for hand-written specs: one token per line as `id form lemma UPOS head deprel`
 * (space separated), `# text = …` and optional `# newpar` lines, blank lines between sentences.
 */
export function docFromCompact(compact: string, opts: { publishedAt?: string } = {}): Doc {
  const conllu = compact
    .trim()
    .split('\n')
    .map((l) => {
      const line = l.trim();
      if (line === '' || line.startsWith('#')) return line;
      const [id, form, lemma, upos, head, dep] = line.split(/\s+/);
      return [id, form, lemma, upos, '_', '_', head, dep, '_', '_'].join('\t');
    })
    .join('\n');
  return docFromConllu(conllu, opts);
}
