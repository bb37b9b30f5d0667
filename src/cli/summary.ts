/**
 * @module cli/summary
 * The readable summary `dossier analyze` prints without `--json`: entities, events and claims
 * with their sources, each pointing back at its text.
 */
import type { NativeDocument } from '../export/contract.ts';

const HAPPENED = new Set(['asserted', 'reported']);

function clip(s: string, n = 90): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

export function summarize(d: NativeDocument): string {
  const name = new Map(d.entities.map((e) => [e.id, e.name]));
  const names = (ids: string[]) => (ids.length ? ids.map((i) => name.get(i) ?? i).join(', ') : '—');
  const lines: string[] = [];
  const head = d.document.title ?? d.document.source ?? d.document.id;
  lines.push(`# ${head}`);
  lines.push(
    `${d.document.id}  ${d.document.publishedAt ?? 'no date'}  ${d.sentences.length} sentences, ` +
      `${d.entities.length} entities, ${d.events.length} events, ${d.claims.length} claims, ${d.relations.length} relations`,
  );
  lines.push('', 'Entities');
  const byMentions = [...d.entities].sort((a, b) => b.mentions.length - a.mentions.length);
  for (const e of byMentions) {
    const kb = e.kb ? ` [${e.kb.id}${e.kb.code ? ' ' + e.kb.code : ''}]` : '';
    const geo = e.geo ? ` (${e.geo.lat.toFixed(2)}, ${e.geo.lon.toFixed(2)} ${e.geo.country})` : '';
    const sub = e.subtype ? `/${e.subtype}` : '';
    lines.push(`  ${e.id.padEnd(5)} ${(e.type + sub).padEnd(28)} ${e.name}${kb}${geo}  ×${e.mentions.length}`);
  }
  lines.push('', 'Events');
  for (const v of d.events) {
    const flag = HAPPENED.has(v.modality) ? '' : ' (not happened)';
    const where = v.location ? ` at ${name.get(v.location) ?? v.location}` : '';
    const when = v.date ? ` on ${v.date.start === v.date.end ? v.date.start : v.date.start + '..' + v.date.end}` : '';
    lines.push(
      `  ${v.id.padEnd(5)} ${v.type.padEnd(10)} ${v.modality}${flag}: ${names(v.sources)} → ${names(v.targets)}${where}${when}` +
        `  «${v.trigger.text}»${v.claim ? ' ' + v.claim : ''}`,
    );
  }
  lines.push('', 'Claims');
  for (const c of d.claims) {
    const via = c.via.length ? ` via ${names(c.via)}` : '';
    const anon = c.anonymous ? ' (anonymous)' : '';
    const hedges = c.hedges.length ? ` hedges: ${c.hedges.join('; ')}` : '';
    lines.push(`  ${c.id.padEnd(5)} ${names(c.attributedTo)}${anon}${via}, certainty ${c.certainty.toFixed(2)}${hedges}`);
    lines.push(`        “${clip(d.document.text.slice(c.start, c.end))}”`);
  }
  if (d.relations.length) {
    lines.push('', 'Relations');
    for (const r of d.relations) {
      lines.push(`  ${r.id.padEnd(5)} ${name.get(r.from) ?? r.from} —${r.type}→ ${name.get(r.to) ?? r.to}`);
    }
  }
  return lines.join('\n');
}
