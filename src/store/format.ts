/**
 * @module store/format
 * Plain-text rendering of store results for people (the CLI's output without --json): aligned
 * columns, evidence sentences, sources. Pure functions from result objects to strings.
 */
import type { DocumentHit, EntityDetail, EntitySummary, EventDetail, SearchHit, StoreStats, TimelineEntry, ActorRef, MergeResult, SplitResult } from './types.ts';

const MAX_CELL = 48;

function cell(s: string, max = MAX_CELL): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}

/** Aligned columns; numeric columns (all cells numbers) are right-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  // The last column is free text: never cut.
  const all = [headers, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c.replace(/\s+/g, ' ') : cell(c))));
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => /^-?\d+(\.\d+)?$/.test(r[i] ?? '')));
  const line = (r: readonly string[]) =>
    r.map((c, i) => (i === r.length - 1 && !numeric[i] ? c : numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(all[0]!), line(widths.map((w) => '-'.repeat(w))), ...all.slice(1).map(line)].join('\n');
}

function names(refs: readonly ActorRef[]): string {
  return refs.length === 0 ? '–' : refs.map((r) => r.name).join(', ');
}

function wrap(text: string, indent: string, width = 96): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && cur.length + 1 + w.length > width - indent.length) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines.map((l) => indent + l).join('\n');
}

export function formatSearchHits(query: string, hits: readonly SearchHit[]): string {
  if (hits.length === 0) return `No sentence matches: ${query}`;
  const out = [`${hits.length} sentence${hits.length === 1 ? '' : 's'} match: ${query}`, ''];
  for (const h of hits) {
    out.push(`${h.documentId}  [${h.sentence.start}-${h.sentence.end}]${h.title ? '  ' + h.title : ''}`);
    out.push(wrap(h.snippet, '    '));
  }
  return out.join('\n');
}

export function formatDocumentHits(query: string, hits: readonly DocumentHit[]): string {
  if (hits.length === 0) return `No document matches: ${query}`;
  const out = [`${hits.length} document${hits.length === 1 ? '' : 's'} match: ${query}`, ''];
  for (const h of hits) {
    out.push(`${h.documentId}  ${h.publishedAt ?? 'undated'}  ${h.title ?? '(no title)'}`);
    out.push(wrap(h.snippet, '    '));
  }
  return out.join('\n');
}

export function formatEntityList(list: readonly EntitySummary[]): string {
  if (list.length === 0) return 'No entities stored.';
  return table(
    ['ID', 'TYPE', 'MENTIONS', 'DOCS', 'KB', 'NAME'],
    list.map((e) => [e.id, e.subtype ? `${e.type}/${e.subtype}` : e.type, String(e.mentionCount), String(e.documentCount), e.kbId ?? '', e.name]),
  );
}

export function formatEntity(e: EntityDetail): string {
  const out = [`${e.name}  (${e.type}${e.subtype ? '/' + e.subtype : ''}${e.anonymous ? ', anonymous source' : ''})`, `  id: ${e.id}`];
  if (e.kbId) out.push(`  kb: ${e.kbId}${e.wikidata ? `  wikidata: ${e.wikidata}` : ''}${e.code ? `  code: ${e.code}` : ''}`);
  if (e.geo) out.push(`  geo: ${e.geo.lat}, ${e.geo.lon}${e.geo.country ? ' ' + e.geo.country : ''}${e.geo.geonamesId ? `  geonames: ${e.geo.geonamesId}` : ''}`);
  out.push(`  also called: ${e.aliases.filter((a) => a !== e.name).join('; ') || '–'}`);
  out.push(`  ${e.mentionCount} mention${e.mentionCount === 1 ? '' : 's'} in ${e.documentCount} document${e.documentCount === 1 ? '' : 's'}`, '');
  if (e.documents.length > 0) {
    out.push('Documents:', table(['ID', 'PUBLISHED', 'MENTIONS', 'TITLE'], e.documents.map((d) => [d.id, d.publishedAt ?? '', String(d.mentionCount), d.title ?? ''])), '');
  }
  if (e.evidence.length > 0) {
    out.push('Evidence:');
    for (const s of e.evidence) out.push(`  ${s.documentId} [${s.start}-${s.end}]`, wrap(s.text, '    '));
    out.push('');
  }
  if (e.events.length > 0) out.push('Events:', table(['EVENT', 'TYPE', 'ROLE', 'MODALITY'], e.events.map((v) => [v.id, v.type, v.role, v.modality])), '');
  if (e.relations.length > 0) {
    out.push('Relations:');
    for (const r of e.relations) out.push(r.direction === 'out' ? `  —${r.type}→ ${r.other.name} (${r.other.id})` : `  ${r.other.name} (${r.other.id}) —${r.type}→ this`);
  }
  return out.join('\n').trimEnd();
}

export function formatEvent(e: EventDetail): string {
  const out = [
    `${e.type}${e.mode ? '/' + e.mode : ''}${e.cameo ? ` (CAMEO ${e.cameo})` : ''}  "${e.trigger.text}"  ${e.modality}${e.happened ? '' : ' — NOT happened'}`,
    `  id: ${e.id}   document: ${e.documentId}${e.documentTitle ? ` (${e.documentTitle})` : ''}`,
    `  sources: ${names(e.sources)}`,
    `  targets: ${names(e.targets)}`,
  ];
  if (e.location) out.push(`  where: ${e.location.name}`);
  if (e.date) out.push(`  when: ${e.date.start === e.date.end ? e.date.start : `${e.date.start} – ${e.date.end}`}${e.date.text ? ` ("${e.date.text}")` : ''}`);
  if (e.sentence) out.push('', 'Evidence:', wrap(e.sentence.text, '    '));
  if (e.claim) {
    const c = e.claim;
    out.push('', `Claim ${c.id}  certainty ${c.certainty.toFixed(2)}${c.anonymous ? '  anonymous source' : ''}`);
    out.push(`  said by: ${names(c.attributedTo)}${c.via.length ? `  via: ${names(c.via)}` : ''}${c.cue ? `  cue: "${c.cue}"` : ''}`);
    if (c.hedges.length > 0) out.push(`  hedges: ${c.hedges.join(', ')}`);
  }
  out.push('', `Corroboration: ${e.corroboratedBy.length + 1} document${e.corroboratedBy.length === 0 ? '' : 's'} (cluster ${e.clusterId})`);
  for (const c of e.corroboratedBy) out.push(`  also reported as ${c.id}${c.documentTitle ? ` (${c.documentTitle})` : ''}`);
  return out.join('\n');
}

export function formatTimeline(entries: readonly TimelineEntry[]): string {
  if (entries.length === 0) return 'No events in that period.';
  return table(
    ['DATE', 'TYPE', 'REPORTS', 'MODALITY', 'WHO', 'WHOM', 'WHERE'],
    entries.map((t) => [
      t.date ? (t.date.start.slice(0, 10) === t.date.end.slice(0, 10) ? t.date.start.slice(0, 10) : `${t.date.start.slice(0, 10)}..${t.date.end.slice(0, 10)}`) : 'undated',
      t.type,
      String(t.corroboration),
      t.happened ? t.modality : `${t.modality} (NOT happened)`,
      cell(names(t.sources), 32),
      cell(names(t.targets), 32),
      t.location?.name ?? '',
    ]),
  );
}

export function formatStats(s: StoreStats): string {
  const by = (r: Record<string, number>) => Object.entries(r).map(([k, v]) => `${k} ${v}`).join(', ') || '–';
  return table(
    ['WHAT', 'COUNT', 'DETAIL'],
    [
      ['documents', String(s.documents), ''],
      ['sentences', String(s.sentences), ''],
      ['entities', String(s.entities), by(s.entitiesByType)],
      ['mentions', String(s.mentions), ''],
      ['events', String(s.events), by(s.eventsByType)],
      ['happened events', String(s.happenedEvents), 'not conditional or negated'],
      ['event clusters', String(s.eventClusters), `${s.corroboratedClusters} reported by 2+ documents`],
      ['claims', String(s.claims), ''],
      ['relations', String(s.relations), ''],
      ['corrections', String(s.corrections), 'analyst merges and splits'],
    ],
  ) + `\n\n${s.dialect} database, schema version ${s.schemaVersion}`;
}

export function formatMerge(r: MergeResult): string {
  return `Merged ${r.merged} into ${r.id} (${r.mentionsMoved} mention${r.mentionsMoved === 1 ? '' : 's'} moved). The merge is kept when documents are analysed again.`;
}

export function formatSplit(r: SplitResult): string {
  return `Split ${r.mentionsMoved} mention${r.mentionsMoved === 1 ? '' : 's'} off ${r.from} into new entity ${r.id}. The split is kept when documents are analysed again.`;
}
