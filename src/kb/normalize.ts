/**
 * @module kb/normalize
 * Name normalisation shared by the knowledge base, the gazetteer and entity resolution, so that
 * "al-Quds Force", "Al Quds Force", "Quds Force" and "the Quds force" meet on one lookup key.
 *
 * Rules (in order): Unicode NFKD and diacritics dropped; apostrophes and their look-alikes
 * removed ("Kata'ib" = "Kataib"); dots removed ("U.N." = "UN"); hyphens, underscores, slashes
 * and other punctuation become spaces; lower case; a leading "the" dropped; Arabic article
 * particles ("al", "el", and the assimilated "ad-", "ash-", "az-", … when hyphenated) dropped.
 */

const APOSTROPHES = /['’‘`´ʼʻʹ′]/g;
// Assimilated Arabic article, only when written hyphenated ("ash-Sham", "ad-Dawla").
const ASSIMILATED_ARTICLE = /(^|\s)(?:a[dnrstz]|ash|ath|adh)-(?=\p{L})/gu;
const ARTICLE_TOKENS = new Set(['al', 'el']);

/** Only ASCII characters: nothing to decompose and no combining marks. */
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * NFKD with the combining marks dropped. ASCII text, most names, is already so: the knowledge
 * base and the gazetteer fold ~100k names when they load, and these passes were most of it.
 */
function stripMarks(s: string): string {
  return ASCII_ONLY.test(s) ? s : s.normalize('NFKD').replace(/\p{M}+/gu, '');
}

/** The folding steps after `stripMarks`. */
function foldStripped(s: string): string {
  return s
    .replace(APOSTROPHES, '')
    .replace(/\.(?=\S)/g, '') // U.S. -> US (but keep sentence-final dots as separators)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .toLowerCase();
}

/** Lower-cased, diacritic-free, punctuation-free text with single spaces. Keeps articles. */
export function foldText(s: string): string {
  return foldStripped(stripMarks(s));
}

/**
 * The lookup key of a name. Two names with the same key are treated as the same alias.
 * @example normalizeName('the al-Quds Force') === normalizeName('Quds force') // 'quds force'
 */
export function normalizeName(s: string): string {
  // marks are stripped once: the folding steps after the article rule need not do it again
  const words = foldStripped(stripMarks(s).replace(ASSIMILATED_ARTICLE, '$1')).split(' ').filter((w) => w !== '');
  let i = 0;
  // Leading English/French articles: "the Hague", "Le Gosier" = "Gosier".
  if ((words[0] === 'the' || words[0] === 'le' || words[0] === 'la' || words[0] === 'les') && words.length > 1) i = 1;
  // "St Louis" = "St. Louis" = "Saint Louis".
  for (let k = i; k < words.length; k++) if (words[k] === 'st') words[k] = 'saint';
  const kept = words.slice(i).filter((w, _k, arr) => !(ARTICLE_TOKENS.has(w) && arr.length > 1));
  return kept.join(' ');
}

/** A short identifier made of lower-case ASCII letters, digits and underscores. */
export function slugify(s: string): string {
  return foldText(s).replace(/ /g, '_');
}

/** True when the alias is an acronym or a short word that must match with its exact case. */
export function isCaseSensitiveAlias(alias: string): boolean {
  const letters = alias.replace(/[^\p{L}]/gu, '');
  if (letters.length === 0) return true;
  if (letters.length <= 4) return true;
  // Mostly capitals ("IRGC-QF", "RFE/RL") are acronyms.
  const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
  return upper / letters.length > 0.6 && !alias.includes(' ');
}

const LOWER_WORDS = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'to', 'de', 'la', 'du', 'al', 'el', 'bin', 'ibn', 'an']);

/**
 * Title-case a PETRARCH dictionary phrase ("NURI_AL-MALIKI_" -> "Nuri al-Maliki"). Short
 * all-capital phrases without vowels-pattern (acronyms like "IRGC", "U.N.") keep their capitals.
 */
export function titleCasePhrase(raw: string): string {
  const s = raw.replace(/_+/g, ' ').trim();
  if (/^[A-Z.\-/&]{2,6}$/.test(s)) return s; // acronym
  return s
    .split(' ')
    .map((word, wi) =>
      word
        .split('-')
        .map((part, pi) => {
          const low = part.toLowerCase();
          if ((wi > 0 || pi > 0) && LOWER_WORDS.has(low)) return low;
          if (/^\(.*\)$/.test(part) || /^[A-Z]{2,5}\)?$/.test(part.replace(/[()]/g, '')) && part.startsWith('(')) return part;
          return low.charAt(0).toUpperCase() + low.slice(1);
        })
        .join('-'),
    )
    .join(' ');
}
