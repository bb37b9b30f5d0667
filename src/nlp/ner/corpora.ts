/**
 * @module nlp/ner/corpora
 * Readers that turn the NER training/evaluation sources into sentences with gold token spans:
 * UNER (IOB2), GUM (CoNLL-U `Entity=` coreference brackets, named mentions only, re-cut to UNER
 * span conventions) and re3d (raw documents with character-offset entities). Used by the train
 * and eval scripts only; nothing at run time reads these files.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DossierError } from '../../errors.ts';
import { hashString } from './hash.ts';
import type { EntityLabel, TokenSpan } from './model.ts';
import { pretokenize, splitSentences } from './pretok.ts';

export interface NerSentence {
  tokens: string[];
  spans: TokenSpan[];
  /** Document the sentence came from (re3d hold-out is by document). */
  doc?: string;
}

function readText(path: string): string {
  if (!existsSync(path)) throw new DossierError('INPUT_UNREADABLE', `NER corpus file "${path}" does not exist (set DOSSIER_SHARED_DATA or --data)`, { input: path });
  return readFileSync(path, 'utf8');
}

/** UNER IOB2: `idx<TAB>token<TAB>tag…`, `#` comments, blank line between sentences. */
export function readUner(path: string): NerSentence[] {
  const out: NerSentence[] = [];
  let tokens: string[] = [];
  let tags: string[] = [];
  let doc = '';
  const flush = (): void => {
    if (tokens.length > 0) out.push({ tokens, spans: iobToSpans(tags), doc });
    tokens = [];
    tags = [];
  };
  for (const line of readText(path).split('\n')) {
    const newdoc = /^# newdoc id = (.*)$/.exec(line);
    if (newdoc) doc = newdoc[1]!.trim();
    if (line.startsWith('#')) continue;
    if (line.trim() === '') {
      flush();
      continue;
    }
    const cols = line.split('\t');
    tokens.push(cols[1] ?? '');
    tags.push(cols[2] ?? 'O');
  }
  flush();
  return out;
}

const TYPE_MAP: Record<string, EntityLabel> = { PER: 'PER', ORG: 'ORG', LOC: 'LOC' };

/** IOB2 tags → spans over PER/ORG/LOC (other types dropped). */
export function iobToSpans(tags: readonly string[]): TokenSpan[] {
  const out: TokenSpan[] = [];
  let start = -1;
  let type = '';
  const close = (end: number): void => {
    const label = TYPE_MAP[type];
    if (start >= 0 && label) out.push({ start, end, label });
    start = -1;
  };
  tags.forEach((tag, i) => {
    const [bio, t = ''] = tag.split('-', 2) as [string, string?];
    if (bio === 'B' || (bio === 'I' && (start < 0 || t !== type))) {
      close(i);
      start = i;
      type = t;
    } else if (bio !== 'I') close(i);
  });
  close(tags.length);
  return out;
}

interface GumToken {
  form: string;
  upos: string;
  xpos: string;
}

const GUM_TYPES: Record<string, EntityLabel> = { person: 'PER', organization: 'ORG', place: 'LOC' };
// Words allowed inside a multi-word name between proper nouns ("University of Portsmouth").
const CONNECTORS = new Set(['of', 'the', 'and', '&', 'for', 'de', 'del', 'du', 'la', 'le', 'von', 'van', 'der', 'al', 'el', 'bin', 'ibn', 'on', '-', '.', "'", 'in', 'at', 'y', 'da', 'do', 'dos']);

function isCap(s: string): boolean {
  return /^[\p{Lu}\d]/u.test(s);
}

/**
 * GUM CoNLL-U: `Entity=` brackets give every mention; keep named PER/ORG/LOC mentions cut the
 * UNER way: leading determiners and common nouns dropped ("co-star Jensen Ackles" → "Jensen
 * Ackles"), cut at the first comma or bracket ("University of Portsmouth, United Kingdom" →
 * "University of Portsmouth"), nested names inside a kept name dropped.
 */
export function readGum(path: string): NerSentence[] {
  const out: NerSentence[] = [];
  let toks: GumToken[] = [];
  let misc: string[] = [];
  let doc = '';
  const flush = (): void => {
    if (toks.length > 0) out.push({ tokens: toks.map((t) => t.form), spans: gumSpans(toks, misc), doc });
    toks = [];
    misc = [];
  };
  for (const line of readText(path).split('\n')) {
    const newdoc = /^# newdoc id = (.*)$/.exec(line);
    if (newdoc) doc = newdoc[1]!.trim();
    if (line.startsWith('#')) continue;
    if (line.trim() === '') {
      flush();
      continue;
    }
    const c = line.split('\t');
    if (!/^\d+$/.test(c[0] ?? '')) continue; // multiword ranges and empty nodes
    toks.push({ form: c[1] ?? '', upos: c[3] ?? '', xpos: c[4] ?? '' });
    misc.push(c[9] ?? '_');
  }
  flush();
  return out;
}

interface OpenMention {
  id: string;
  type: string;
  start: number;
  minspan: number[];
}

function gumSpans(toks: GumToken[], misc: string[]): TokenSpan[] {
  const open: OpenMention[] = [];
  const cands: TokenSpan[] = [];
  const finish = (m: OpenMention, end: number): void => {
    const label = GUM_TYPES[m.type];
    if (!label) return;
    const cut = cutNamed(toks, m.start, end, m.minspan);
    if (cut) cands.push({ start: cut[0], end: cut[1], label });
  };
  misc.forEach((m, i) => {
    const ent = m.split('|').find((x) => x.startsWith('Entity='));
    if (!ent) return;
    const v = ent.slice(7);
    let p = 0;
    while (p < v.length) {
      if (v[p] === '(') {
        let q = p + 1;
        while (q < v.length && v[q] !== '(' && v[q] !== ')') q++;
        const parts = v.slice(p + 1, q).split('-');
        const mention: OpenMention = {
          id: parts[0] ?? '',
          type: parts[1] ?? '',
          start: i,
          minspan: (parts[5] ?? '').split(',').map(Number).filter((x) => x > 0),
        };
        if (v[q] === ')') {
          finish(mention, i + 1);
          q++;
        } else open.push(mention);
        p = q;
      } else {
        const mm = /^(\d+)\)/.exec(v.slice(p));
        if (!mm) {
          p++;
          continue;
        }
        for (let k = open.length - 1; k >= 0; k--) {
          if (open[k]!.id === mm[1]) {
            finish(open[k]!, i + 1);
            open.splice(k, 1);
            break;
          }
        }
        p += mm[0].length;
      }
    }
  });
  return pickNonOverlapping(cands);
}

/** Token range of the proper name inside a GUM mention, or null when it is not a named mention. */
function cutNamed(toks: GumToken[], start: number, end: number, minspan: number[]): [number, number] | null {
  const proper = (t: GumToken): boolean => (t.upos === 'PROPN' || t.xpos.startsWith('NNP')) && isCap(t.form);
  let s = start;
  while (s < end && !proper(toks[s]!)) s++;
  if (s >= end) return null;
  let e = s;
  let lastProper = s;
  while (e < end) {
    const t = toks[e]!;
    if (proper(t)) lastProper = e;
    else if (!CONNECTORS.has(t.form.toLowerCase())) break;
    e++;
  }
  const cutEnd = lastProper + 1;
  // The mention's head must be inside the name, else the name only modifies a common noun
  // ("the Obama administration").
  const heads = minspan.map((x) => start + x - 1);
  if (heads.length > 0 && !heads.some((h) => h >= s && h < cutEnd)) return null;
  return [s, cutEnd];
}

/** Longest first, then earliest; drop anything overlapping an already kept span. */
export function pickNonOverlapping(cands: TokenSpan[]): TokenSpan[] {
  const sorted = [...cands].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: TokenSpan[] = [];
  for (const c of sorted) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  return kept.sort((a, b) => a.start - b.start);
}

const RE3D_TYPES: Record<string, EntityLabel> = { Person: 'PER', Organisation: 'ORG', Location: 'LOC' };

/** Whether a re3d document is in the fixed evaluation hold-out (~20%, by hash of its id). */
export function isRe3dHeldOut(docId: string): boolean {
  return hashString(docId) % 5 === 0;
}

function readJsonLines(path: string): Array<Record<string, unknown>> {
  return readText(path)
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/**
 * re3d documents tokenized with the rule pretokenizer; named Person/Organisation/Location
 * entities (leading lower-case words dropped, every remaining word capitalised or a connector).
 */
export function readRe3d(dir: string, part: 'train' | 'heldout'): NerSentence[] {
  if (!existsSync(dir)) throw new DossierError('INPUT_UNREADABLE', `re3d folder "${dir}" does not exist`, { input: dir });
  const out: NerSentence[] = [];
  for (const sub of readdirSync(dir).sort()) {
    const docsPath = join(dir, sub, 'documents.json');
    if (!existsSync(docsPath)) continue;
    const ents = readJsonLines(join(dir, sub, 'entities.json'));
    for (const d of readJsonLines(docsPath)) {
      const id = String(d['_id']);
      if (isRe3dHeldOut(id) !== (part === 'heldout')) continue;
      const text = String(d['text'] ?? '');
      const toks = pretokenize(text);
      const byStart = new Map<number, number>();
      const byEnd = new Map<number, number>();
      toks.forEach((t, i) => {
        byStart.set(t.start, i);
        byEnd.set(t.end, i + 1);
      });
      const cands: TokenSpan[] = [];
      for (const e of ents) {
        const label = RE3D_TYPES[String(e['type'])];
        if (e['documentId'] !== id || !label) continue;
        const s = byStart.get(Number(e['begin']));
        const en = byEnd.get(Number(e['end']));
        if (s === undefined || en === undefined || en <= s) continue;
        const cut = cutCapitalised(toks.map((t) => t.text), s, en, label === 'PER');
        if (cut) cands.push({ start: cut[0], end: cut[1], label });
      }
      const spans = pickNonOverlapping(cands);
      for (const [a, b] of splitSentences(text, toks)) {
        out.push({
          tokens: toks.slice(a, b).map((t) => t.text),
          spans: spans.filter((s) => s.start >= a && s.end <= b).map((s) => ({ ...s, start: s.start - a, end: s.end - a })),
          doc: id,
        });
      }
    }
  }
  return out;
}

// Leading titles re3d sometimes includes in person spans; UNER leaves them out.
const TITLES = /^(?:mr|mrs|ms|dr|he|hon|president|vice|prime|foreign|defence|defense|minister|secretary|general|gen|lt|col|colonel|major|maj|captain|capt|sgt|commander|admiral|adm|senator|sen|ambassador|deputy|chief|king|queen|prince|sir|lord|spokesman|spokeswoman|leader|[.])$/i;
const PRONOUNS = /^(?:we|they|he|she|it|i|you|us|them)$/i;

function cutCapitalised(words: string[], start: number, end: number, person: boolean): [number, number] | null {
  let s = start;
  while (s < end && (!isCap(words[s]!) || /^the$/i.test(words[s]!) || (person && TITLES.test(words[s]!)))) s++;
  if (s >= end || !/^\p{L}/u.test(words[s]!)) return null;
  if (end - s === 1 && PRONOUNS.test(words[s]!)) return null;
  let e = end;
  while (e > s && !isCap(words[e - 1]!)) e--;
  for (let i = s; i < e; i++) if (!isCap(words[i]!) && !CONNECTORS.has(words[i]!.toLowerCase())) return null;
  return [s, e];
}
