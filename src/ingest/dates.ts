/**
 * @module ingest/dates
 * Publication dates as found in pages and feeds (ISO 8601, RFC 822/2822, loose forms) to ISO
 * 8601. The writer's UTC offset is kept when the input has one: the local calendar day is what
 * anchors "yesterday" in the report, and converting to UTC can move it.
 */

const MONTHS: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06',
  jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};

/** Zone abbreviations RFC 822 allows, as offsets. */
const ZONES: Record<string, string> = {
  UT: 'Z', UTC: 'Z', GMT: 'Z', Z: 'Z',
  EST: '-05:00', EDT: '-04:00', CST: '-06:00', CDT: '-05:00',
  MST: '-07:00', MDT: '-06:00', PST: '-08:00', PDT: '-07:00',
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const RFC822 = /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,4})?)?$/;

/**
 * ISO 8601 for a date string, or undefined when it is not a date.
 * @example normaliseDate('Sun, 29 Oct 2023 08:15:00 +0300') // '2023-10-29T08:15:00+03:00'
 */
export function normaliseDate(raw: string): string | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  const iso = ISO.exec(s);
  if (iso) {
    const [, y, mo, d, h, mi, sec, frac, zone] = iso;
    const date = `${y}-${mo}-${d}`;
    if (!validDay(date)) return undefined;
    if (h === undefined) return date;
    return checked(`${date}T${h}:${mi}:${sec ?? '00'}${frac ?? ''}${zone ? isoZone(zone) : ''}`);
  }
  const rfc = RFC822.exec(s);
  if (rfc) {
    const [, d, mon, y, h, mi, sec, zone] = rfc;
    const month = MONTHS[mon!.toLowerCase()];
    if (!month) return undefined;
    const year = y!.length === 2 ? `20${y}` : y!.padStart(4, '0');
    const date = `${year}-${month}-${d!.padStart(2, '0')}`;
    if (!validDay(date)) return undefined;
    if (h === undefined) return date;
    const offset = zone === undefined ? '' : zone.startsWith('+') || zone.startsWith('-') ? isoZone(zone) : ZONES[zone.toUpperCase()];
    if (offset === undefined) return undefined;
    return checked(`${date}T${h.padStart(2, '0')}:${mi}:${sec ?? '00'}${offset}`);
  }
  // Anything else JavaScript can read ("October 29, 2023 8:00 AM"): UTC, no better option.
  const t = Date.parse(s);
  return Number.isNaN(t) || !/\d{4}/.test(s) ? undefined : new Date(t).toISOString();
}

function isoZone(zone: string): string {
  if (zone.toUpperCase() === 'Z') return 'Z';
  const digits = zone.slice(1).replace(':', '').padEnd(4, '0');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4)}`;
}

function validDay(date: string): boolean {
  const t = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(date);
}

function checked(isoString: string): string | undefined {
  return Number.isNaN(Date.parse(isoString)) ? undefined : isoString;
}

/**
 * The date many news sites put in article paths (`/2023/10/29/`, `/2023-10-29/`, `/20231029/`),
 * as a last resort for pages whose metadata gives none.
 * @example dateFromUrl('https://news.example/world/2023/10/29/talks-resume') // '2023-10-29'
 */
export function dateFromUrl(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const m = /\/((?:19|20)\d{2})[/-](\d{2})[/-](\d{2})(?:[/_.-]|$)/.exec(path) ?? /\/((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)/.exec(path);
  if (!m) return undefined;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return validDay(date) ? date : undefined;
}
