/**
 * @module kb/phoenix
 * Reader for the PETRARCH/TABARI actor dictionary format used by the Phoenix dictionaries
 * (build time only: `scripts/build-kb.ts`). The format:
 *
 *   ROOT_PHRASE_  [CODE] # comment          a root with its code on the same line
 *   +ALIAS_PHRASE                           synonyms of the current root
 *   	[CODE 680101-000101]                 dated codes for the current root(s)
 *   ROOT_A / ROOT_B (no code) then [CODE]   consecutive roots share the codes that follow
 *
 * Dates are YYMMDD or YYYYMMDD; `>d` means from d, `<d` means until d, `a-b` a range.
 */

export interface DatedCode {
  code: string;
  /** ISO date (YYYY-MM-DD) from which the code holds. */
  from?: string;
  /** ISO date until which the code holds. */
  to?: string;
}

export interface PhoenixEntry {
  /** The root phrase as written (underscores kept). */
  root: string;
  aliases: string[];
  codes: DatedCode[];
  comment: string;
  /** 1-based line of the root, for messages. */
  line: number;
}

function isoDate(raw: string): string | undefined {
  const d = raw.trim();
  let y: number;
  let rest: string;
  if (/^\d{8}$/.test(d)) {
    y = Number(d.slice(0, 4));
    rest = d.slice(4);
  } else if (/^\d{6}$/.test(d)) {
    const yy = Number(d.slice(0, 2));
    y = yy <= 30 ? 2000 + yy : 1900 + yy;
    rest = d.slice(2);
  } else {
    return undefined;
  }
  const m = Math.min(Math.max(Number(rest.slice(0, 2)), 1), 12);
  const day = Math.min(Math.max(Number(rest.slice(2, 4)), 1), 31);
  return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Parse `CODE`, `CODE >d`, `CODE <d`, `CODE a-b` (the inside of one `[...]`). */
export function parseDatedCode(inside: string): DatedCode | undefined {
  const parts = inside.trim().split(/\s+/);
  const code = parts[0];
  if (!code || !/^[A-Z~\-]{3,}$/.test(code)) return undefined;
  const out: DatedCode = { code };
  const when = parts.slice(1).join('');
  if (when.startsWith('>')) {
    const f = isoDate(when.slice(1));
    if (f) out.from = f;
  } else if (when.startsWith('<')) {
    const t = isoDate(when.slice(1));
    if (t) out.to = t;
  } else if (when.includes('-')) {
    const [a, b] = when.split('-');
    const f = isoDate(a ?? '');
    const t = isoDate(b ?? '');
    if (f) out.from = f;
    if (t) out.to = t;
  }
  return out;
}

function splitLine(line: string): { phrase: string; codes: DatedCode[]; comment: string } {
  const hash = line.indexOf('#');
  const comment = hash >= 0 ? line.slice(hash + 1).trim() : '';
  const body = hash >= 0 ? line.slice(0, hash) : line;
  const codes: DatedCode[] = [];
  for (const m of body.matchAll(/\[([^\]]*)\]/g)) {
    const c = parseDatedCode(m[1] ?? '');
    if (c) codes.push(c);
  }
  const phrase = body.replace(/\[[^\]]*\]/g, '').replace(/\{[^}]*\}/g, '').trim();
  return { phrase, codes, comment };
}

/** Parse one actor dictionary file. Comment-only and blank lines are skipped. */
export function parsePhoenixActors(text: string): PhoenixEntry[] {
  const entries: PhoenixEntry[] = [];
  // Roots seen since the last code line: they all receive the next codes.
  let pending: PhoenixEntry[] = [];
  let current: PhoenixEntry | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, idx) => {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const { phrase, codes, comment } = splitLine(raw);
    if (/^\s/.test(raw) && phrase === '') {
      // An indented code line.
      for (const e of pending) e.codes.push(...codes);
      if (current && !pending.includes(current)) current.codes.push(...codes);
      return;
    }
    if (raw.startsWith('+')) {
      if (!current) return;
      const alias = phrase.slice(1).trim();
      if (alias) current.aliases.push(alias);
      if (codes.length > 0) current.codes.push(...codes);
      return;
    }
    // A new root. If the previous group already got codes, start a new group.
    if (pending.some((e) => e.codes.length > 0)) pending = [];
    current = { root: phrase, aliases: [], codes: [...codes], comment, line: idx + 1 };
    entries.push(current);
    if (codes.length > 0) pending = [];
    else pending.push(current);
  });
  return entries;
}

/** Parse the agents file: `PHRASE [~CODE]` lines (and `!MACRO! = a, b` definitions). */
export function parsePhoenixAgents(text: string): { phrase: string; code: string }[] {
  const macros = new Map<string, string[]>();
  const out: { phrase: string; code: string }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const macro = /^(![A-Z]+!)\s*=\s*(.*)$/.exec(raw.trim());
    if (macro) {
      macros.set(macro[1]!, macro[2]!.split(',').map((x) => x.trim()).filter(Boolean));
      continue;
    }
    const { phrase, codes } = splitLine(raw);
    const code = codes[0]?.code;
    if (!code || !phrase) continue;
    const m = /![A-Z]+!/.exec(phrase);
    const expansions = m ? (macros.get(m[0]) ?? []).map((x) => phrase.replace(m[0], x)) : [phrase];
    for (const p of expansions) out.push({ phrase: p, code });
  }
  return out;
}
