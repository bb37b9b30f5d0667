/**
 * @module kb/knowledge-base
 * The actor knowledge base: alias lookup on normalised names, demonyms to countries, and the
 * phrase list the entity resolver scans text with. Built from validated `KbActor` records
 * (see `load.ts`); nothing here reads files.
 */
import { normalizeName, isCaseSensitiveAlias } from './normalize.ts';
import type { KbActor, ActorType } from './types.ts';

export interface LookupOptions {
  /** Keep only actors of this type. */
  type?: ActorType;
  /** ISO date: prefer actors whose dated codes hold at that date. */
  date?: string;
}

/** A phrase the resolver may find in running text. */
export interface ScanPhrase {
  phrase: string;
  actorId: string;
  /** Short or acronym aliases must match with their exact case. */
  caseSensitive: boolean;
}

function rank(a: KbActor): number {
  if (a.id.startsWith('country_')) return 0;
  if (!a.id.startsWith('phx_')) return 1; // curated
  return a.type === 'PERSON' ? 3 : 2;
}

function holdsAt(a: KbActor, date: string): boolean {
  return (a.codes ?? []).some((c) => (!c.from || c.from <= date) && (!c.to || date <= c.to));
}

export class KnowledgeBase {
  readonly #byId = new Map<string, KbActor>();
  readonly #byAlias = new Map<string, KbActor[]>();
  readonly #byName = new Map<string, KbActor[]>();
  readonly #demonyms = new Map<string, KbActor>();
  /** Demonyms of regions ("Kurdish" -> Kurdistan Region): used only when the document names the region. */
  readonly #regionDemonyms = new Map<string, KbActor[]>();
  #scan: ScanPhrase[] | undefined;

  constructor(actors: Iterable<KbActor>) {
    for (const a of actors) this.add(a);
  }

  /** Add or replace an actor (a later record with the same id wins: user files override). */
  add(a: KbActor): void {
    const old = this.#byId.get(a.id);
    if (old) this.#unindex(old);
    this.#byId.set(a.id, a);
    const push = (m: Map<string, KbActor[]>, k: string): void => {
      if (k === '') return;
      const list = m.get(k);
      if (!list) m.set(k, [a]);
      else if (!list.includes(a)) list.push(a);
    };
    push(this.#byName, normalizeName(a.name));
    push(this.#byAlias, normalizeName(a.name));
    for (const al of a.aliases) push(this.#byAlias, normalizeName(al));
    for (const d of a.demonyms ?? []) {
      if (a.subtype === 'country') this.#demonyms.set(normalizeName(d), a);
      else push(this.#regionDemonyms, normalizeName(d));
    }
    this.#scan = undefined;
  }

  #unindex(a: KbActor): void {
    for (const m of [this.#byAlias, this.#byName]) {
      for (const k of [a.name, ...a.aliases].map(normalizeName)) {
        const list = m.get(k);
        if (list) m.set(k, list.filter((x) => x !== a));
      }
    }
  }

  get size(): number {
    return this.#byId.size;
  }

  get(id: string): KbActor | undefined {
    return this.#byId.get(id);
  }

  *actors(): IterableIterator<KbActor> {
    yield* this.#byId.values();
  }

  /** Actors whose name or alias has the same normalised key, best first. */
  lookup(name: string, opts: LookupOptions = {}): KbActor[] {
    const key = normalizeName(name);
    let list = this.#byAlias.get(key) ?? [];
    if (opts.type) list = list.filter((a) => a.type === opts.type);
    const exact = new Set(this.#byName.get(key) ?? []);
    const date = opts.date;
    return [...list].sort(
      (a, b) =>
        rank(a) - rank(b) ||
        Number(exact.has(b)) - Number(exact.has(a)) ||
        (date ? Number(holdsAt(b, date)) - Number(holdsAt(a, date)) : 0) ||
        a.id.localeCompare(b.id),
    );
  }

  /** The best actor for a name, or undefined. */
  best(name: string, opts: LookupOptions = {}): KbActor | undefined {
    return this.lookup(name, opts)[0];
  }

  /**
   * The country a nationality word names: "Iranian", "Iranians", "American" -> the country actor.
   * @example kb.demonym('Israelis')?.id // 'country_isr'
   */
  demonym(word: string): KbActor | undefined {
    const key = normalizeName(word);
    return this.#demonyms.get(key) ?? (key.endsWith('s') ? this.#demonyms.get(key.slice(0, -1)) : undefined);
  }

  /**
   * Regions a nationality-like word names ("Kurdish" -> Kurdistan Region). Unlike `demonym`, the
   * word is ambiguous on its own (Kurds live in four countries): the resolver uses it only when
   * the document names the region.
   */
  regionDemonyms(word: string): KbActor[] {
    const key = normalizeName(word);
    return this.#regionDemonyms.get(key) ?? (key.endsWith('s') ? this.#regionDemonyms.get(key.slice(0, -1)) : undefined) ?? [];
  }

  /**
   * Phrases worth finding in running text: every name/alias of curated actors and countries,
   * and multi-word names of Phoenix organisations. Phoenix persons are linked only when the NER
   * proposes the name (single-word Phoenix aliases are too ambiguous for scanning).
   */
  scanPhrases(): ScanPhrase[] {
    if (this.#scan) return this.#scan;
    const out: ScanPhrase[] = [];
    for (const a of this.#byId.values()) {
      const curated = !a.id.startsWith('phx_');
      if (!curated && a.type === 'PERSON') continue;
      for (const phrase of [a.name, ...a.aliases]) {
        const words = phrase.trim().split(/\s+/).length;
        if (!curated && words < 2) continue;
        // One-word person names ("Assad", "Asad") are too often parts of other names ("Ain al-Asad").
        if (a.type === 'PERSON' && words < 2) continue;
        if (!/^[\p{Lu}\p{N}]|^[^\p{Script=Latin}]/u.test(phrase) && !/^(al|el|the)[-\s]/i.test(phrase)) continue;
        out.push({ phrase, actorId: a.id, caseSensitive: isCaseSensitiveAlias(phrase) });
      }
    }
    this.#scan = out;
    return out;
  }
}
