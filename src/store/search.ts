/**
 * @module store/search
 * Full-text search over stored sentences (each hit names its document and title) and over whole
 * documents (title and text). The query language is
 * the same on both dialects — web-search style: words are ANDed, "quoted phrases", `OR`,
 * `-word` to exclude — because PostgreSQL's `websearch_to_tsquery` defines it and the SQLite side
 * translates it into an FTS5 expression (never passing user text through as FTS5 syntax).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';
import type { Dialect, DocumentHit, SearchHit, SearchOptions } from './types.ts';
import { num } from './read.ts';

type QueryPart = { kind: 'term' | 'phrase'; text: string; negated: boolean } | { kind: 'or' };

/** Splits a web-search style query into terms, phrases, negations and ORs. */
export function parseQuery(query: string): QueryPart[] {
  const parts: QueryPart[] = [];
  const re = /(-?)"([^"]*)"?|(\S+)/g;
  for (const m of query.matchAll(re)) {
    if (m[2] !== undefined) {
      const text = m[2].trim();
      if (text) parts.push({ kind: 'phrase', text, negated: m[1] === '-' });
      continue;
    }
    const word = m[3]!;
    if (word === 'OR') {
      parts.push({ kind: 'or' });
      continue;
    }
    const negated = word.startsWith('-') && word.length > 1;
    const text = (negated ? word.slice(1) : word).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (text) parts.push({ kind: 'term', text, negated });
  }
  return parts;
}

/** The FTS5 expression for a parsed query, or undefined when nothing positive is left. */
export function toFts5(parts: readonly QueryPart[]): string | undefined {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const groups: string[][] = [];
  const negatives: string[] = [];
  let joinOr = false;
  for (const p of parts) {
    if (p.kind === 'or') {
      joinOr = groups.length > 0;
      continue;
    }
    if (p.negated) {
      negatives.push(quote(p.text));
      continue;
    }
    if (joinOr) groups[groups.length - 1]!.push(quote(p.text));
    else groups.push([quote(p.text)]);
    joinOr = false;
  }
  if (groups.length === 0) return undefined;
  const positive = groups.map((g) => (g.length > 1 ? `(${g.join(' OR ')})` : g[0]!)).join(' AND ');
  return negatives.length > 0 ? `(${positive}) NOT (${negatives.join(' OR ')})` : positive;
}

export async function search(db: Kysely<DB>, dialect: Dialect, query: string, { limit = 20 }: SearchOptions = {}): Promise<SearchHit[]> {
  type Row = { document_id: string; title: string | null; span_start: number; span_end: number; snippet: string; score: number | string };
  let rows: Row[];
  if (dialect === 'sqlite') {
    const expr = toFts5(parseQuery(query));
    if (!expr) return [];
    const r = await sql<Row>`
      select s.document_id, d.title, s.span_start, s.span_end,
             snippet(sentence_fts, 0, '[', ']', '…', 24) as snippet,
             -bm25(sentence_fts) as score
      from sentence_fts
      join sentences s on s.id = sentence_fts.rowid
      join documents d on d.id = s.document_id
      where sentence_fts match ${expr}
      order by score desc, s.document_id, s.span_start
      limit ${limit}`.execute(db);
    rows = r.rows;
  } else {
    if (!parseQuery(query).some((p) => p.kind !== 'or' && !p.negated)) return [];
    const r = await sql<Row>`
      select s.document_id, d.title, s.span_start, s.span_end,
             ts_headline('english', s.text, q, 'StartSel=[, StopSel=], MaxWords=30, MinWords=12') as snippet,
             ts_rank(s.tsv, q) as score
      from sentences s
      join documents d on d.id = s.document_id
      cross join websearch_to_tsquery('english', ${query}) q
      where s.tsv @@ q
      order by score desc, s.document_id, s.span_start
      limit ${limit}`.execute(db);
    rows = r.rows;
  }
  return rows.map((r) => ({
    documentId: r.document_id,
    ...(r.title !== null && { title: r.title }),
    sentence: { start: num(r.span_start), end: num(r.span_end) },
    snippet: r.snippet,
    rank: num(r.score),
  }));
}

export async function searchDocuments(db: Kysely<DB>, dialect: Dialect, query: string, { limit = 20 }: SearchOptions = {}): Promise<DocumentHit[]> {
  type Row = { id: string; title: string | null; published_at: string | null; snippet: string; score: number | string };
  let rows: Row[];
  if (dialect === 'sqlite') {
    const expr = toFts5(parseQuery(query));
    if (!expr) return [];
    const r = await sql<Row>`
      select d.id, d.title, d.published_at,
             snippet(document_fts, -1, '[', ']', '…', 24) as snippet,
             -bm25(document_fts, 3.0, 1.0) as score
      from document_fts
      join documents d on d.rowid = document_fts.rowid
      where document_fts match ${expr}
      order by score desc, d.id
      limit ${limit}`.execute(db);
    rows = r.rows;
  } else {
    if (!parseQuery(query).some((p) => p.kind !== 'or' && !p.negated)) return [];
    const r = await sql<Row>`
      select d.id, d.title, d.published_at,
             ts_headline('english', d.text, q, 'StartSel=[, StopSel=], MaxWords=30, MinWords=12') as snippet,
             ts_rank(d.tsv, q) as score
      from documents d
      cross join websearch_to_tsquery('english', ${query}) q
      where d.tsv @@ q
      order by score desc, d.id
      limit ${limit}`.execute(db);
    rows = r.rows;
  }
  return rows.map((r) => ({
    documentId: r.id,
    ...(r.title !== null && { title: r.title }),
    ...(r.published_at !== null && { publishedAt: r.published_at }),
    snippet: r.snippet,
    rank: num(r.score),
  }));
}
