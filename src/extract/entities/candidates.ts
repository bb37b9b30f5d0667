/**
 * @module extract/entities/candidates
 * Name candidates: the NER's mentions plus longest dictionary matches of knowledge-base aliases
 * and gazetteer names the NER missed, de-duplicated (longest span wins), linked to KB actors, and
 * widened over a parenthesised name's head ("the ruling (Coordinating Framework) alliance").
 */
import type { Doc, Mention, MentionLabel } from '../../nlp/doc.ts';
import type { KnowledgeBase } from '../../kb/knowledge-base.ts';
import type { Gazetteer } from '../../kb/gazetteer.ts';
import type { KbActor } from '../../kb/types.ts';
import { foldText, normalizeName } from '../../kb/normalize.ts';
import { NAME_HEADS, TITLES, TITLE_MODIFIERS } from './lexicon.ts';
import type { Cand } from './types.ts';

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Phrases ending here: actor id (KB) or '' (gazetteer name), with case-sensitivity. */
  ends: { actorId: string; letters: string; caseSensitive: boolean }[];
}

const newNode = (): TrieNode => ({ next: new Map(), ends: [] });
const lettersOf = (s: string): string => s.normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '');
const ARTICLES = new Set(['al', 'el']);
/** Tokens that may sit inside a name without breaking it: hyphens, apostrophes, dots. */
const GLUE = /^[-‐‑'’.]$/;

const kbTries = new WeakMap<KnowledgeBase, TrieNode>();
const gazTries = new WeakMap<Gazetteer, TrieNode>();

function insert(root: TrieNode, phrase: string, actorId: string, caseSensitive: boolean): void {
  const words = normalizeName(phrase).split(' ').filter(Boolean);
  if (words.length === 0) return;
  let node = root;
  for (const w of words) {
    let n = node.next.get(w);
    if (!n) node.next.set(w, (n = newNode()));
    node = n;
  }
  if (!node.ends.some((e) => e.actorId === actorId && e.letters === lettersOf(phrase))) {
    node.ends.push({ actorId, letters: lettersOf(phrase), caseSensitive });
  }
}

function kbTrie(kb: KnowledgeBase): TrieNode {
  let t = kbTries.get(kb);
  if (!t) {
    t = newNode();
    for (const p of kb.scanPhrases()) insert(t, p.phrase, p.actorId, p.caseSensitive);
    kbTries.set(kb, t);
  }
  return t;
}

function gazTrie(gaz: Gazetteer): TrieNode {
  let t = gazTries.get(gaz);
  if (!t) {
    t = newNode();
    for (const [name, places] of gaz.names()) {
      // Only prominent places are worth finding without the NER: small towns named like words are not.
      const prominent = places.some((p) => !p.kind.startsWith('PPL') || p.kind === 'PPLC' || (p.kind === 'PPLA' && p.population >= 50000) || p.population >= 250000);
      // Two-letter names (postal codes, "LA") are resolved when proposed, never scanned for.
      if (prominent && name.replace(/ /g, '').length > 2) insert(t, name, '', false);
    }
    gazTries.set(gaz, t);
  }
  return t;
}

interface Unit {
  word: string;
  tok: number;
}

/** Word units of a sentence: folded token texts, with glue tokens and Arabic articles skipped. */
function unitsOf(doc: Doc, first: number, end: number): (Unit | null)[] {
  const out: (Unit | null)[] = [];
  for (let i = first; i < end; i++) {
    const t = doc.tokens[i]!;
    if (GLUE.test(t.text)) continue;
    const w = foldText(t.text);
    if (w === '') {
      out.push(null); // punctuation breaks a match
      continue;
    }
    if (ARTICLES.has(w) && i + 1 < end) continue;
    for (const part of w.split(' ')) out.push({ word: part, tok: i });
  }
  return out;
}

const CALENDAR = /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;
const isUpperStart = (s: string): boolean => /^[\p{Lu}\p{N}]/u.test(s) || /^[^\p{Script=Latin}\p{P}\p{N}]/u.test(s);

/** Extend a match left over "al -" / "el-" so the mention covers the article. */
function withArticle(doc: Doc, t0: number, floor: number): number {
  let s = t0;
  if (s - 1 >= floor && GLUE.test(doc.tokens[s - 1]!.text) && s - 2 >= floor && ARTICLES.has(doc.tokens[s - 2]!.text.toLowerCase())) s -= 2;
  else if (s - 1 >= floor && ARTICLES.has(doc.tokens[s - 1]!.text.toLowerCase()) && /^al$|^el$/.test(doc.tokens[s - 1]!.text)) s -= 1;
  return s;
}

function scan(doc: Doc, trie: TrieNode, kb: KnowledgeBase | undefined, gaz: Gazetteer | undefined, kbDemonym: (w: string) => boolean): Cand[] {
  const out: Cand[] = [];
  for (const sent of doc.sentences) {
    const units = unitsOf(doc, sent.firstToken, sent.endToken);
    for (let i = 0; i < units.length; i++) {
      const u0 = units[i];
      if (!u0) continue;
      let node: TrieNode | undefined = trie;
      let best: { j: number; actor?: KbActor } | undefined;
      for (let j = i; j < units.length && node; j++) {
        const u = units[j];
        if (!u) break;
        node = node.next.get(u.word);
        if (!node || node.ends.length === 0) continue;
        const t0 = u0.tok;
        const t1 = u.tok + 1;
        const raw = doc.tokens.slice(t0, t1).map((t) => t.text).join('');
        const first = doc.tokens[t0]!.text;
        // Curated actors and countries before Phoenix records that share the alias.
        const ends = [...node.ends].sort((a, b) => Number(a.actorId.startsWith('phx_')) - Number(b.actorId.startsWith('phx_')));
        for (const e of ends) {
          if (e.caseSensitive ? lettersOf(raw) !== e.letters : !isUpperStart(first)) continue;
          if (kb && e.actorId.startsWith('phx_') && isDescription(doc.text.slice(doc.tokens[t0]!.start, doc.tokens[t1 - 1]!.end), kb)) continue;
          // A single capitalised word opening a sentence is too often an ordinary word.
          if (!kb && t1 - t0 === 1 && t0 === sent.firstToken) continue;
          const actor = e.actorId && kb ? kb.get(e.actorId) : undefined;
          best = { j, ...(actor ? { actor } : {}) };
          break;
        }
      }
      if (!best) continue;
      const t0 = withArticle(doc, u0.tok, sent.firstToken);
      // Inside a longer capitalised name the NER did not give ("Ain al-Asad", "Port Said"): not this name.
      const prev = doc.tokens[t0 - 1];
      // (At a sentence start a capital says nothing, unless the tagger calls the word a proper noun.)
      if (prev && (t0 - 1 > sent.firstToken || prev.pos === 'PROPN') && /^\p{Lu}\p{Ll}/u.test(prev.text) && !TITLES.has(prev.text.toLowerCase()) && !TITLE_MODIFIERS.has(prev.text.toLowerCase()) && !kbDemonym(prev.text)) continue;
      // A place name followed by another capitalised word is a person or an organisation ("Victoria Nuland").
      const next = doc.tokens[units[best.j]!.tok + 1];
      if (!kb && next && next.sentence === doc.tokens[t0]!.sentence && /^\p{Lu}\p{Ll}/u.test(next.text) && !CALENDAR.test(next.text)) continue;
      const t1 = units[best.j]!.tok + 1;
      const cand: Cand = {
        t0, t1, start: doc.tokens[t0]!.start, end: doc.tokens[t1 - 1]!.end,
        kind: 'name', label: best.actor ? labelOf(best.actor) : 'LOC', origin: 'kb',
      };
      if (best.actor) cand.actor = best.actor;
      else if (gaz) cand.label = 'LOC';
      out.push(cand);
      // Skip to the end of the match.
      while (i + 1 < units.length && units[i + 1] && units[i + 1]!.tok < t1) i++;
    }
  }
  return out;
}

export function labelOf(a: KbActor): MentionLabel {
  return a.type === 'PERSON' ? 'PER' : a.type === 'LOCATION' ? 'LOC' : 'ORG';
}

/** Honorifics and ranks written before names ("Defense Secretary Ash Carter", "HE Dr X"). */
const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'he', 'his', 'her', 'excellency', 'sheikh', 'sheik', 'sayyid', 'sayyed', 'gen', 'lt', 'col', 'maj',
  'capt', 'adm', 'sgt', 'cpl', 'spc', 'cmdr', 'brig', 'rev', 'sir', 'lord', 'dame', 'prof', 'president', 'secretary',
  'minister', 'prime', 'deputy', 'foreign', 'defense', 'defence', 'state', 'vice', 'general', 'ayatollah', 'imam', 'king',
  'prince', 'emir', 'senator', 'sen', 'rep', 'governor', 'gov', 'mayor', 'ambassador', 'commander', 'chief', 'brother',
  'sister', 'former', 'late', 'special', 'envoy', 'advisor', 'adviser', 'spokesman', 'spokeswoman', 'leader', 'chairman',
]);

/** The name without leading titles, ranks and nationality words: "Iraqi Prime Minister Haider al-Abadi" -> "Haider al-Abadi". */
export function stripTitles(text: string, kb: KnowledgeBase): string {
  const words = text.replace(/[\u200e\u200f]/g, '').split(/\s+/);
  let i = 0;
  while (i < words.length - 1) {
    const w = words[i]!.replace(/\.$/, '');
    if (HONORIFICS.has(w.toLowerCase()) || (i === 0 && kb.demonym(w) !== undefined)) i++;
    else break;
  }
  return words.slice(i).join(' ');
}

/**
 * "Palestinian resistance", "Iraqi army": a nationality word followed only by lower-case words
 * describes, it does not name. Such text links to curated actors only (Phoenix holds records
 * named like descriptions, e.g. a 1970s group called "Palestinian Resistance").
 */
export function isDescription(text: string, kb: KnowledgeBase): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || kb.demonym(words[0]!) === undefined) return false;
  return words.slice(1).every((w) => /^\p{Ll}/u.test(w));
}

/** Place kinds that Phoenix tends to list as aliases of their country. */
const REGION_KINDS = new Set(['admin1', 'region', 'district', 'water']);

const TYPE_OF_LABEL: Partial<Record<MentionLabel, KbActor['type']>> = { PER: 'PERSON', ORG: 'ORGANIZATION', LOC: 'LOCATION' };

/** Link a name candidate to the KB when its text is a known name of a compatible type. */
export function linkToKb(doc: Doc, c: Cand, kb: KnowledgeBase, gaz?: Gazetteer): void {
  if (c.actor) return;
  const raw = doc.text.slice(c.start, c.end).replace(/[\u200e\u200f]/g, '');
  const want = TYPE_OF_LABEL[c.label];
  const date = doc.meta.publishedAt?.slice(0, 10);
  const opts = date ? { date } : {};
  const fits = (a: KbActor): boolean => !want || a.type === want || (want === 'ORGANIZATION' && a.subtype === 'country');
  // Trusted actors (curated, countries) may cross the NER's type when the name is unambiguous.
  const trusted = (a: KbActor, text: string): boolean => !a.id.startsWith('phx_') && (/\s/.test(text.trim()) || /^[A-Z.]{2,}$/.test(text));
  const tries = [raw, stripTitles(raw, kb)];
  const last = raw.split(/\s+/).at(-1) ?? '';
  if (/^[A-Z]{2,6}$/.test(last) && last !== raw) tries.push(last); // "the Kurdish YPG" -> "YPG"
  // "Rudaw network", "Farda radio": a name with a lower-case generic head.
  const head = /^(.+\S)\s+(\p{Ll}+)$/u.exec(tries[1]!);
  if (head && NAME_HEADS.has(head[2]!)) tries.push(head[1]!);
  const titled = tries[1] !== raw;
  for (const text of tries) {
    const list = kb.lookup(text, opts).filter((x) => !x.id.startsWith('phx_') || !isDescription(text, kb));
    const a = list.find(fits) ?? list.find((x) => trusted(x, text));
    if (!a) continue;
    // One-word person names link only to curated people; Phoenix surnames are too ambiguous.
    // A title ("President Obama") makes a one-word name specific enough when one person carries it.
    if (a.type === 'PERSON' && !/\s/.test(normalizeName(text)) && a.id.startsWith('phx_')) {
      if (!titled || text === raw || list.filter((x) => x.type === 'PERSON').length !== 1) continue;
    }
    // Phoenix lists provinces under their country ("South Australia"): a place of that exact name wins.
    if (a.subtype === 'country' && normalizeName(a.name) !== normalizeName(text) && gaz?.candidates(text).some((p) => REGION_KINDS.has(p.kind))) return;
    c.actor = a;
    return;
  }
}

/**
 * "the Kurdish Rudaw network", "the Iranian Tasnim agency": an NER organisation name that opens
 * with nationality words and links only without them starts after them; the nationality words are
 * left to the demonym rule (a mention of the country or region).
 */
function shedNationality(doc: Doc, c: Cand, kb: KnowledgeBase, gaz: Gazetteer): void {
  // "Lebanese Hezbollah" is itself a name of Hezbollah: nothing to shed.
  if (c.actor && kb.lookup(doc.text.slice(c.start, c.end)).includes(c.actor)) return;
  let k = c.t0;
  const national = (w: string): boolean => /^\p{Lu}/u.test(w) && (kb.demonym(w) !== undefined || kb.regionDemonyms(w).length > 0);
  while (k < c.t1 - 1 && national(doc.tokens[k]!.text)) k++;
  if (k === c.t0) return;
  const rest: Cand = { ...c, t0: k, start: doc.tokens[k]!.start };
  delete rest.actor;
  linkToKb(doc, rest, kb, gaz);
  const actor = rest.actor as KbActor | undefined; // set by linkToKb
  if (!actor || actor.subtype === 'country') return;
  c.t0 = rest.t0;
  c.start = rest.start;
  c.actor = actor;
}

/** Widen "( Name ) head" to "[the adj*] ( Name ) head". */
function widenParenthesised(doc: Doc, c: Cand, demonym: (w: string) => boolean): void {
  const toks = doc.tokens;
  const open = toks[c.t0 - 1];
  const close = toks[c.t1];
  const head = toks[c.t1 + 1];
  if (!open || !close || !head || open.text !== '(' || close.text !== ')') return;
  if (!NAME_HEADS.has(head.text.toLowerCase()) || open.sentence !== head.sentence) return;
  let s = c.t0 - 1;
  for (let k = 0; k < 3; k++) {
    const prev = toks[s - 1];
    if (!prev || prev.sentence !== head.sentence) break;
    const w = prev.text;
    if (/^(the|a|an)$/i.test(w)) {
      s -= 1;
      break;
    }
    // A tagger's ADJ (or an -ing participle) or, without/against a tagger, the word's shape.
    const byPos = prev.pos === 'ADJ' || (/^(VERB|NOUN)$/.test(prev.pos) && /ing$/.test(w));
    const byShape = /^(ruling|governing|main|new|powerful|opposition|leading)$/i.test(w) || (/(ing|al|ist|ic)$/.test(w) && /^\p{Ll}/u.test(w));
    const adjLike = byPos || byShape;
    if (adjLike || demonym(w)) s -= 1;
    else break;
  }
  c.t0 = s;
  c.t1 = c.t1 + 2;
  c.start = toks[c.t0]!.start;
  c.end = toks[c.t1 - 1]!.end;
}

function overlaps(a: Cand, b: Cand): boolean {
  return a.t0 < b.t1 && b.t0 < a.t1;
}

/**
 * All name candidates of a document, non-overlapping, sorted by position.
 */
export function nameCandidates(doc: Doc, kb: KnowledgeBase, gaz: Gazetteer): Cand[] {
  const fromNer: Cand[] = [];
  for (const m of doc.mentions) {
    if (m.label === 'NORP' || m.label === 'MISC') continue; // nationality words are handled as demonyms
    const [t0, t1] = doc.tokenRange(m);
    if (t1 <= t0) continue;
    // "Iranian Ambassador", "Deputy Commander": a title, not a name; the role rules read it.
    const all = doc.tokens.slice(t0, t1).map((t) => t.text);
    // "Iranian Ambassador in Baghdad": judge the part before the preposition.
    const prep = all.findIndex((w, k) => k > 0 && /^(of|in|to|at|for)$/.test(w));
    const words = prep > 0 ? all.slice(0, prep) : all;
    if (words.every((w) => TITLES.has(w.toLowerCase()) || TITLE_MODIFIERS.has(w.toLowerCase()) || kb.demonym(w) !== undefined) && words.some((w) => TITLES.has(w.toLowerCase()))) continue;
    fromNer.push({ t0, t1, start: m.start, end: m.end, kind: 'name', label: m.label, origin: m.origin, mention: m });
  }
  const dem = (w: string): boolean => kb.demonym(w) !== undefined;
  const fromKb = scan(doc, kbTrie(kb), kb, undefined, dem);
  const fromGaz = scan(doc, gazTrie(gaz), undefined, gaz, dem);
  // Longest first; on equal spans prefer a KB link, then the NER's label.
  // Phoenix entries often list places as organisations ("Gaza Strip"): the gazetteer wins those ties.
  const prio = (c: Cand): number => (c.actor && !c.actor.id.startsWith('phx_') ? 0 : c.origin === 'ner' ? 1 : c.actor ? 3 : 2);
  const all = [...fromKb, ...fromNer, ...fromGaz].sort((a, b) => b.t1 - b.t0 - (a.t1 - a.t0) || prio(a) - prio(b) || a.t0 - b.t0);
  const kept: Cand[] = [];
  for (const c of all) {
    const clash = kept.find((k) => overlaps(k, c));
    if (!clash) {
      kept.push(c);
      continue;
    }
    // Same span from the NER and the dictionary: keep one candidate with the KB link and the NER mention.
    if (clash.t0 === c.t0 && clash.t1 === c.t1) {
      if (!clash.mention && c.mention) clash.mention = c.mention;
      if (c.origin === 'ner' && clash.actor && clash.actor.type === 'PERSON' && c.label !== 'PER') delete clash.actor;
    } else if (c.mention && !clash.mention) {
      clash.mention = c.mention;
    }
  }
  const isDemonym = (w: string): boolean => /^\p{Lu}/u.test(w) && kb.demonym(w) !== undefined;
  for (const c of kept) {
    const text = doc.text.slice(c.start, c.end);
    if (c.actor?.subtype === 'country' && normalizeName(c.actor.name) !== normalizeName(text) && gaz.candidates(text).some((p) => REGION_KINDS.has(p.kind))) {
      delete c.actor; // "South Australia" is the state, not Australia
      c.label = 'LOC';
    }
    linkToKb(doc, c, kb, gaz);
    if (c.mention && c.label !== 'PER' && c.actor?.type !== 'PERSON') shedNationality(doc, c, kb, gaz);
    // "Tehran would respond": a capital the NER calls an organisation is still the place (geocoded).
    if (!c.actor && c.label === 'ORG' && gaz.candidates(text).some((p) => p.kind === 'PPLC')) c.label = 'LOC';
    widenParenthesised(doc, c, isDemonym);
  }
  return kept.sort((a, b) => a.t0 - b.t0);
}

/** The mention a candidate becomes in `doc.mentions`. */
export function toMention(c: Cand): Mention {
  const m: Mention = c.mention && c.mention.start === c.start && c.mention.end === c.end ? c.mention : { start: c.start, end: c.end, label: c.label, origin: c.origin };
  if (c.mention?.score !== undefined && m.score === undefined) m.score = c.mention.score;
  return m;
}
