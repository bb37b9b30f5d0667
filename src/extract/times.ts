/**
 * @module extract/times
 * The `times` stage: finds time expressions and resolves them against the publication date
 * (`doc.meta.publishedAt`). Two sources:
 *  - our relative-range rules (`times/relative.ts`): "in recent days", "earlier this month",
 *    "last week", "since October", … — ranges ending at publication;
 *  - chrono-node for everything else ("on Tuesday", "12 March", "yesterday", "October 2023").
 *
 * News conventions applied to chrono's output: a bare weekday ("on Tuesday", "last Tuesday") is
 * the most recent past such day; a day and month without a year lying more than two weeks after
 * publication is taken from the previous year. Partial dates become ranges ("October 2023" is
 * 2023-10-01..2023-10-31). Without an anchor, only expressions that carry their own year are kept.
 */
import type { ParsedResult } from 'chrono-node';
import { lazyModule } from '../lazy-module.ts';
import type { Doc, TimeExpression } from '../nlp/doc.ts';
import type { Stage } from '../pipeline/stage.ts';
import { addDays, findRelativeRanges, isoDay, toDay, type Day } from './times/relative.ts';

export interface TimeTaggerOptions {
  /** Anchor to use when the document has no `publishedAt` (ISO date). */
  defaultAnchor?: string;
  /** How many days after publication a yearless date may lie before it is moved a year back. */
  futureToleranceDays?: number;
}

type Components = ParsedResult['start'];

// loaded when the times stage first runs: most commands never parse a date (see lazy-module.ts)
const chrono = lazyModule<typeof import('chrono-node')>('chrono-node');

function dayOf(c: Components): Day {
  return new Date(Date.UTC(c.get('year') ?? 1970, (c.get('month') ?? 1) - 1, c.get('day') ?? 1));
}

/** The range a (possibly partial) chrono component stands for: a day, a month or a year. */
function rangeOf(c: Components): { start: Day; end: Day } {
  const y = c.get('year') ?? 1970;
  const mo = (c.get('month') ?? 1) - 1;
  if (c.isCertain('day') || c.isCertain('weekday')) {
    const d = dayOf(c);
    return { start: d, end: d };
  }
  if (c.isCertain('month')) {
    return { start: new Date(Date.UTC(y, mo, 1)), end: new Date(Date.UTC(y, mo + 1, 0)) };
  }
  // Only a year is known ("in 2021" style expressions chrono accepts): the whole year.
  if (c.isCertain('year')) return { start: new Date(Date.UTC(y, 0, 1)), end: new Date(Date.UTC(y, 11, 31)) };
  const d = dayOf(c);
  return { start: d, end: d };
}

/** Shift a parsed range into the past when news conventions say so. */
function pastBias(
  c: Components,
  r: { start: Day; end: Day },
  anchor: Day,
  toleranceDays: number,
): { start: Day; end: Day } {
  if (r.start.getTime() <= anchor.getTime()) return r;
  if (c.isCertain('weekday') && !c.isCertain('day')) {
    // Weekday only: most recent past such day (a week earlier than chrono's forward guess).
    let s = r.start;
    while (s.getTime() > anchor.getTime()) s = addDays(s, -7);
    return { start: s, end: s };
  }
  if (!c.isCertain('year') && r.start.getTime() > addDays(anchor, toleranceDays).getTime()) {
    const back = (d: Day) => new Date(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate()));
    return { start: back(r.start), end: back(r.end) };
  }
  return r;
}

/** Resolve every time expression in `text` against `anchorIso` (none: only absolute dates). */
export function resolveTimes(text: string, anchorIso?: string, opts: TimeTaggerOptions = {}): TimeExpression[] {
  const tolerance = opts.futureToleranceDays ?? 14;
  const anchor = anchorIso ? toDay(anchorIso) : undefined;
  const out: TimeExpression[] = anchor ? findRelativeRanges(text, anchor) : [];
  const overlaps = (s: number, e: number) => out.some((f) => s < f.end && e > f.start);
  const ref = anchor ? { instant: new Date(anchor.getTime() + 12 * 3_600_000), timezone: 0 } : new Date(Date.UTC(2000, 0, 1));
  for (const res of chrono().parse(text, ref)) {
    let start = res.index;
    let t = res.text;
    // chrono includes a leading "on"/"in"; the contract wants the expression itself.
    const lead = /^(?:on|in|at|by)\s+/i.exec(t);
    if (lead) {
      start += lead[0].length;
      t = t.slice(lead[0].length);
    }
    const end = start + t.length;
    if (overlaps(start, end)) continue;
    if (!anchor && !res.start.isCertain('year')) continue; // relative without an anchor: unknowable
    if (/^\d{1,2}$/.test(t.trim())) continue; // a bare number is almost never a date in reports
    let r = rangeOf(res.start);
    if (res.end) r = { start: r.start, end: rangeOf(res.end).end };
    if (anchor) r = pastBias(res.start, r, anchor, tolerance);
    out.push({ start, end, text: t, value: { start: isoDay(r.start), end: isoDay(r.end) } });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The `times` stage. Anchors on `doc.meta.publishedAt` (or `defaultAnchor`).
 * @example
 *   buildPipeline([tokenizer(), timeTagger()]).run(doc).times
 *   // [{ text: 'in recent days', value: { start: '2023-10-22', end: '2023-10-29' }, ... }]
 */
export function timeTagger(opts: TimeTaggerOptions = {}): Stage {
  return {
    name: 'times',
    requires: ['sentences', 'tokens'],
    assigns: ['times'],
    run(doc: Doc, ctx) {
      const anchor = doc.meta.publishedAt ?? opts.defaultAnchor;
      if (anchor !== undefined && !toDay(anchor)) {
        ctx.warn(`times: publishedAt "${anchor}" of document ${doc.meta.id} is not an ISO date (YYYY-MM-DD); relative dates left unresolved`);
      }
      doc.times = resolveTimes(doc.text, anchor, opts);
    },
  };
}
