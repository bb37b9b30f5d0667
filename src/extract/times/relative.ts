/**
 * @module extract/times/relative
 * Relative time ranges that chrono-node does not resolve, or resolves to a point where news
 * means a range: "in recent days", "in the past few weeks", "earlier this month", "last week",
 * "this week", "since October", "over the past 3 days". Each is a range that ends at the
 * publication date (the anchor), because a report can only speak of what already happened.
 *
 * Dates are handled as UTC calendar days so the machine's time zone never shifts a day.
 */

/** A calendar day in UTC (00:00), the unit all ranges are computed in. */
export type Day = Date;

export interface RelativeMatch {
  start: number;
  end: number;
  text: string;
  value: { start: string; end: string };
}

const DAY_MS = 86_400_000;

export function isoDay(d: Day): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(d: Day, n: number): Day {
  return new Date(d.getTime() + n * DAY_MS);
}

/** Parse an ISO date or date-time to its UTC calendar day; undefined when it is not a date. */
export function toDay(iso: string): Day | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso.trim());
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];

const NUMBER_WORDS: Record<string, number> = {
  a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  several: 7, few: 3, couple: 2,
};

/** Days a vague span covers: "recent days" about a week, "recent weeks" about a month. */
const VAGUE_UNIT_DAYS: Record<string, number> = { days: 7, weeks: 28, months: 90 };
const UNIT_DAYS: Record<string, number> = { day: 1, days: 1, week: 7, weeks: 7, month: 30, months: 30, year: 365, years: 365 };

/** Monday of the ISO week that holds `d`. */
function weekStart(d: Day): Day {
  const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
  return addDays(d, -dow);
}

function monthStart(d: Day, deltaMonths = 0): Day {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + deltaMonths, 1));
}

type Resolver = (m: RegExpExecArray, anchor: Day) => { start: Day; end: Day } | undefined;

interface Rule {
  re: RegExp;
  resolve: Resolver;
}

// Order matters: longer, more specific phrasings first; overlapping later matches are dropped.
const RULES: Rule[] = [
  {
    // "in recent days", "in the recent weeks", "over recent months"
    re: /\b(?:in|over|during)\s+(?:the\s+)?recent\s+(days|weeks|months)\b/gi,
    resolve: (m, a) => ({ start: addDays(a, -VAGUE_UNIT_DAYS[m[1]!.toLowerCase()]!), end: a }),
  },
  {
    // "in the past few days", "over the last several weeks", "in the past 3 days", "in the past week"
    re: /\b(?:in|over|during|within)\s+the\s+(?:past|last)\s+(?:(few|several|couple\s+of|\d+|two|three|four|five|six|seven|eight|nine|ten)\s+)?(days?|weeks?|months?|years?)\b/gi,
    resolve: (m, a) => {
      const unit = m[2]!.toLowerCase();
      const q = (m[1] ?? '').toLowerCase().replace(/\s+of$/, '');
      const n = q === '' ? 1 : /^\d+$/.test(q) ? Number(q) : (NUMBER_WORDS[q] ?? 3);
      return { start: addDays(a, -n * UNIT_DAYS[unit]!), end: a };
    },
  },
  {
    re: /\bearlier\s+this\s+(week|month|year)\b/gi,
    resolve: (m, a) => {
      const u = m[1]!.toLowerCase();
      const start = u === 'week' ? weekStart(a) : u === 'month' ? monthStart(a) : new Date(Date.UTC(a.getUTCFullYear(), 0, 1));
      return { start, end: a };
    },
  },
  {
    re: /\bthis\s+(week|month|year)\b/gi,
    resolve: (m, a) => {
      const u = m[1]!.toLowerCase();
      const start = u === 'week' ? weekStart(a) : u === 'month' ? monthStart(a) : new Date(Date.UTC(a.getUTCFullYear(), 0, 1));
      return { start, end: a };
    },
  },
  {
    re: /\blast\s+(week|month|year)\b/gi,
    resolve: (m, a) => {
      const u = m[1]!.toLowerCase();
      if (u === 'week') {
        const s = addDays(weekStart(a), -7);
        return { start: s, end: addDays(s, 6) };
      }
      if (u === 'month') return { start: monthStart(a, -1), end: addDays(monthStart(a), -1) };
      const y = a.getUTCFullYear() - 1;
      return { start: new Date(Date.UTC(y, 0, 1)), end: new Date(Date.UTC(y, 11, 31)) };
    },
  },
  {
    // "since October", "since early October": from the most recent past such month to publication
    re: /\bsince\s+(?:early\s+|late\s+|mid-?)?(january|february|march|april|may|june|july|august|september|october|november|december)\b(?!\s+\d)/gi,
    resolve: (m, a) => {
      const mi = MONTHS.indexOf(m[1]!.toLowerCase());
      let y = a.getUTCFullYear();
      if (mi > a.getUTCMonth()) y -= 1;
      return { start: new Date(Date.UTC(y, mi, 1)), end: a };
    },
  },
];

/** Find the relative ranges in `text`, resolved against `anchor`. Non-overlapping, in text order. */
export function findRelativeRanges(text: string, anchor: Day): RelativeMatch[] {
  const found: RelativeMatch[] = [];
  const overlaps = (s: number, e: number) => found.some((f) => s < f.end && e > f.start);
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const start = m.index;
      const end = m.index + m[0].length;
      if (overlaps(start, end)) continue;
      const r = rule.resolve(m, anchor);
      if (!r) continue;
      found.push({ start, end, text: m[0], value: { start: isoDay(r.start), end: isoDay(r.end) } });
    }
  }
  return found.sort((x, y) => x.start - y.start);
}
