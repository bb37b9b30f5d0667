/**
 * @module extract/claims
 * The `claims` stage: every reported statement becomes a `Claim` with its attribution chain
 * (content ← source ← outlet), cue, anonymity, hedges and certainty.
 *
 * Rules (docs/events.md has the full list):
 *  1. Cues: a reporting verb (cues.ts) or "according to X". The speaker is the verb's subject or
 *     passive agent ("as reported by X"); the content is its clausal complement, else the clause
 *     it modifies ("…, as reported by X" / "…, officials said"), else its object for
 *     dissemination verbs.
 *  2. Chains: "citing/quoting Y" makes Y the source and the speaker an intermediary (`via`); a
 *     recipient outlet ("mentioned to the newspaper") is an intermediary too.
 *  3. Continuation: a pronoun speaker ("They stressed") or a definite "the (same) sources" refers
 *     to the most recent claim's source; a source already seen keeps its earlier `via`.
 *  4. Inheritance: a sentence without a cue inherits the chain of the nearest claim in its
 *     paragraph (preceding first). A paragraph without any cue inherits when it is the lead and
 *     the second paragraph carries a chain, or when the paragraphs before and after it carry the
 *     same source. Sentences opening with "Meanwhile"/"In the meantime" never inherit.
 *  5. A speaker noun phrase that entity resolution left without an entity ("Iraqi politicians")
 *     becomes a SOURCE entity (`createSources`), so every claim can name who says so.
 */
import type { Claim, Doc, Entity, Span } from '../nlp/doc.ts';
import type { Stage } from '../pipeline/stage.ts';
import { DocView, stemCandidates } from './tree.ts';
import {
  CHAIN_LINKS, CUE_VERBS, OBJECT_CONTENT_VERBS, OUTLET_WORDS, SPEAKER_PRONOUNS, UNNAMED_SOURCE_HEADS, VOICE_BREAKS, isOutlet,
} from './claims/cues.ts';
import { certaintyOf, findHedges, type CertaintyFactors } from './claims/certainty.ts';

export interface ClaimDetectorOptions {
  /** Create SOURCE entities for speakers entity resolution did not cover (default true). */
  createSources?: boolean;
  /** Let cue-less sentences and paragraphs inherit a reported chain (default true). */
  inherit?: boolean;
}

/** A claim before ids and certainty are final. */
interface Draft {
  span: Span;
  sentence: number;
  cue?: Span;
  speaker?: string;
  /** The speaker refers back (pronoun / "the same sources"). */
  anaphoric?: 'pronoun' | 'sources';
  /** Content words of an anaphoric source phrase ("security" in "the same security sources"). */
  anaphorWords?: string[];
  cited: string[];
  recipient?: string;
  quote: boolean;
  inherited: boolean;
}

/** Does a quotation cover at least half of the content ("that Ankara “will respond …”")? */
function mostlyQuoted(content: string): boolean {
  const m = /[“"]([^”"]+)[”"]?/.exec(content);
  return m !== null && m[1]!.length >= content.length / 2;
}

/** Everything the claim detector needs while scanning one document. */
class ClaimScanner {
  readonly v: DocView;
  readonly doc: Doc;
  readonly opts: Required<ClaimDetectorOptions>;
  private sourceSeq = 0;

  constructor(doc: Doc, opts: Required<ClaimDetectorOptions>) {
    this.doc = doc;
    this.v = new DocView(doc, (l) => CUE_VERBS.has(l) || UNNAMED_SOURCE_HEADS.has(l));
    this.opts = opts;
  }

  /** First entity whose mention starts within `max` tokens after token i (same sentence). */
  entityAfter(i: number, max = 8): string | undefined {
    const sent = this.v.tokens[i]!.sentence;
    for (let j = i + 1; j < this.v.tokens.length && j <= i + max; j++) {
      if (this.v.tokens[j]!.sentence !== sent) break;
      const e = this.v.tokenEntity[j];
      if (e) {
        // "by the Kurdish Rudaw network": a demonym before another name modifies it, it is not the source
        const next = this.v.tokenEntity[j + 1];
        if (next && next !== e && this.v.tokens[j]!.pos === 'ADJ' && this.v.entityById.get(e)?.type === 'LOCATION') return next;
        return e;
      }
    }
    return undefined;
  }

  /** Nearest entity ending within `max` tokens before token i (same sentence). */
  entityBefore(i: number, max = 8): string | undefined {
    const sent = this.v.tokens[i]!.sentence;
    for (let j = i - 1; j >= 0 && j >= i - max; j--) {
      if (this.v.tokens[j]!.sentence !== sent) break;
      if (this.v.tokenEntity[j]) return this.v.tokenEntity[j];
    }
    return undefined;
  }

  /** A SOURCE entity for an uncovered speaker NP headed by token h (rule 5). */
  makeSource(h: number): string | undefined {
    if (!this.opts.createSources) return undefined;
    const t = this.v.tokens[h]!;
    if (t.pos !== 'NOUN' && t.pos !== 'PROPN') return undefined;
    const idx = this.v.subtree(h).filter((k) => {
      const d = this.v.baseDep(k);
      if (d === 'punct' || (this.v.tokens[k]!.head === h && (d === 'case' || d === 'mark' || d === 'cc'))) return false;
      return !this.v.subtree(h).some((a) => a !== h && ['acl', 'relcl', 'appos', 'punct'].includes(this.v.baseDep(a)) && this.v.dominates(a, k));
    });
    const span = this.v.spanOf(idx);
    if (!span) return undefined;
    // an entity with exactly this mention is reused
    const existing = this.doc.entities.find((e) => e.mentions.some((m) => m.start === span.start && m.end === span.end));
    if (existing) return existing.id;
    let id: string;
    do id = `src${++this.sourceSeq}`;
    while (this.v.entityById.has(id));
    const head = this.v.lemma(h).replace(/s$/, '');
    const named = idx.some((k) => this.v.tokens[k]!.pos === 'PROPN');
    // a named outlet the entity stage missed ("the Kurdish Rudaw network") is an organisation
    const outlet = named && OUTLET_WORDS.test(this.v.lower(h));
    const e: Entity = outlet
      ? { id, type: 'ORGANIZATION', subtype: 'media_outlet', name: this.doc.slice(span).replace(/^the\s+/i, ''), mentions: [this.doc.textSpan(span)] }
      : { id, type: 'SOURCE', name: this.doc.slice(span), mentions: [this.doc.textSpan(span)] };
    if (!outlet && !named && UNNAMED_SOURCE_HEADS.has(head)) e.anonymous = /^source/.test(head);
    this.doc.entities.push(e);
    this.v.entityById.set(id, e);
    for (const k of idx) this.v.tokenEntity[k] ??= id;
    return id;
  }

  /** Modifier words of a "the same X sources" phrase, for matching an earlier source's name. */
  anaphorWords(h: number): string[] {
    return this.v.kids(h, 'amod', 'compound').map((k) => this.v.lower(k)).filter((w) => w !== 'same' && w !== 'informed');
  }

  /** The speaker of a cue verb: subject, or passive agent; with its anaphora kind. */
  speakerOf(i: number): Pick<Draft, 'speaker' | 'anaphoric' | 'anaphorWords'> {
    const subj = this.v.kids(i, 'nsubj').filter((k) => this.v.tokens[k]!.dep !== 'nsubj:pass')[0];
    const agent = this.v.kids(i, 'obl', 'obl:agent').find((k) => this.v.caseOf(k) === 'by');
    let h = agent ?? subj;
    // "X continues to disseminate", "X threatened …, warning that": the subject sits on the
    // governing verb (xcomp / participial advcl / coordinated verb)
    for (let n = i, steps = 0; h === undefined && steps < 3 && ['xcomp', 'advcl', 'conj'].includes(this.v.baseDep(n)); steps++) {
      n = this.v.tokens[n]!.head;
      if (n < 0) break;
      h = this.v.kids(n, 'nsubj')[0];
    }
    // a participle with no subject of its own ("…, warning that"): the main clause's subject speaks
    if (h === undefined && /ing$/.test(this.v.lower(i))) {
      const s = this.doc.sentences[this.v.tokens[i]!.sentence]!;
      for (let k = s.firstToken; k < s.endToken && h === undefined; k++) {
        if (this.v.tokens[k]!.head >= 0) continue;
        // several subjects (a misparsed title + name): the one that names a person
        const subjects = this.v.kids(k, 'nsubj');
        h = subjects.find((x) => this.v.entitiesOfNominal(x).some((e) => this.v.entityById.get(e)?.type === 'PERSON')) ?? subjects[0];
      }
    }
    if (h !== undefined) {
      const w = this.v.lower(h);
      if (SPEAKER_PRONOUNS.has(w)) return { anaphoric: 'pronoun' };
      const dets = this.v.kids(h, 'det', 'amod').map((k) => this.v.lower(k));
      if (this.v.lemma(h) === 'source' && (dets.includes('same') || dets.includes('the') || dets.includes('these'))) {
        return { speaker: this.v.entityOfNominal(h), anaphoric: 'sources', anaphorWords: this.anaphorWords(h) };
      }
      // "Iraqi politicians": a demonym does not make the country the speaker
      const personish = UNNAMED_SOURCE_HEADS.has(this.v.lemma(h).replace(/s$/, '')) || UNNAMED_SOURCE_HEADS.has(this.v.lemma(h));
      const own = this.v.tokenEntity[h];
      // a place entity is the speaker only when entity resolution gave it the whole phrase
      // ("Iraqi politicians" as a mention of Iraq), not just the demonym inside it
      const npStart = this.v.tokens[Math.min(...this.v.subtree(h).filter((k) => this.v.baseDep(k) !== 'case' && this.v.baseDep(k) !== 'punct'))]!.start;
      const ownIsPlace = own !== undefined && this.v.entityById.get(own)?.type === 'LOCATION'
        && !this.v.entityById.get(own)!.mentions.some((m) => m.start <= npStart && m.end >= this.v.tokens[h]!.end);
      // in a flat name ("Turkish Defence Minister Yasar Guler") the person speaks, not the country
      const inName = [h, ...this.v.kids(h, 'flat', 'compound', 'appos')].map((k) => this.v.tokenEntity[k]).filter((x): x is string => x !== undefined);
      const person = inName.find((x) => this.v.entityById.get(x)?.type === 'PERSON');
      const e = person ?? (personish ? (own !== undefined && !ownIsPlace ? own : this.makeSource(h)) : (this.v.entityOfNominal(h) ?? this.makeSource(h)));
      if (e) return { speaker: e };
    }
    // Linear fallback for parser misses: "by X" after the verb, else the entity just before it.
    if (this.v.lower(i + 1) === 'by') return { speaker: this.entityAfter(i + 1, 6) };
    const prev = this.v.lower(i - 1);
    if (SPEAKER_PRONOUNS.has(prev)) return { anaphoric: 'pronoun' };
    return { speaker: this.entityBefore(i, 6) };
  }

  /** Tokens of the content of a cue verb i (rule 1). */
  contentOf(i: number): number[] {
    // "… warning that X" / "said: “X”": what follows, up to the next attribution, whatever the tree says
    if (/^(?:that|“|"|:)$/.test(this.v.lower(i + 1)) && !(this.v.kids(i, 'ccomp').length > 0 && this.v.parsed && this.v.tokens[i]!.pos === 'VERB')) {
      const s = this.doc.sentences[this.v.tokens[i]!.sentence]!;
      const out: number[] = [];
      for (let k = i + 1; k < s.endToken; k++) {
        if (this.v.lower(k) === 'according' && this.v.lower(k + 1) === 'to') break;
        out.push(k);
      }
      return out;
    }
    const ccomp = this.v.kids(i, 'ccomp', 'parataxis').find((k) => this.v.tokens[k]!.start > this.v.tokens[i]!.start);
    if (ccomp !== undefined) return this.v.subtree(ccomp);
    if (OBJECT_CONTENT_VERBS.has(this.v.lemma(i)) && this.v.kids(i, 'obj').length > 0) {
      // the object and whatever the parser hung after it ("information about …")
      const subj = new Set(this.v.kids(i, 'nsubj').flatMap((s) => this.v.subtree(s)));
      return this.v.subtree(i).filter((k) => k > i && !subj.has(k));
    }
    const d = this.v.baseDep(i);
    const head = this.v.tokens[i]!.head;
    // "…, as reported by X": a parenthetical attribution of the whole clause, wherever the parser
    // hung it (often as a relative clause of the nearest noun): the content is the main clause
    const asMarked = this.v.kids(i, 'mark').some((m) => this.v.lower(m) === 'as') || this.v.lower(i - 1) === 'as';
    if (asMarked && head >= 0) {
      const root = this.sentenceRoot(i);
      if (root !== undefined && root !== i) return this.v.subtree(root, new Set([i]));
    }
    // "…, as reported by X" and "…, the department said" are often parsed as conjuncts of the clause
    // they attribute: the cue comes after its head and has no complement of its own
    const asClause = d === 'conj' && head >= 0 && head < i
      && (this.v.kids(i, 'mark').some((m) => this.v.lower(m) === 'as') || this.v.kids(i, 'ccomp', 'xcomp').length === 0);
    if ((d === 'advcl' || d === 'parataxis' || d === 'ccomp' || d === 'acl' || asClause) && head >= 0) {
      return this.v.subtree(head, new Set([i]));
    }
    // Root cue with the content before it ("…, officials said"): children clauses other than subject
    const ccLeft = this.v.kids(i, 'ccomp', 'parataxis')[0];
    if (ccLeft !== undefined) return this.v.subtree(ccLeft);
    // No usable tree: the rest of the sentence after the cue
    const s = this.doc.sentences[this.v.tokens[i]!.sentence]!;
    const out: number[] = [];
    for (let k = i + 1; k < s.endToken; k++) out.push(k);
    return out;
  }

  /** The root token of the sentence holding token i, if the sentence is parsed. */
  sentenceRoot(i: number): number | undefined {
    const s = this.doc.sentences[this.v.tokens[i]!.sentence]!;
    for (let k = s.firstToken; k < s.endToken; k++) if (this.v.tokens[k]!.head < 0 && this.v.tokens[k]!.dep !== '') return k;
    return undefined;
  }

  /** "citing Y" / "quoting Y" linked to cue i: the cited entities. */
  citedFor(i: number, stop: number): string[] {
    const s = this.doc.sentences[this.v.tokens[i]!.sentence]!;
    const out: string[] = [];
    for (let k = s.firstToken; k < s.endToken; k++) {
      if (!CHAIN_LINKS.has(this.v.lower(k))) continue;
      // attached to this cue in the tree, or (no tree) the first link after it and before the next cue
      const attached = this.v.parsed ? this.v.dominates(i, k) || this.v.tokens[k]!.head === this.v.tokens[i]!.head : k > i && k < stop;
      if (!attached) continue;
      const obj = this.v.kids(k, 'obj')[0];
      let es = obj !== undefined ? this.v.entitiesOfArg(obj) : [];
      if (es.length === 0 && obj !== undefined) {
        const made = this.makeSource(obj);
        if (made) es = [made];
      }
      if (es.length === 0) {
        const e = this.entityAfter(k, 6);
        if (e) es = [e];
      }
      for (const e of es) if (!out.includes(e)) out.push(e);
    }
    return out;
  }

  /** Recipient of "mentioned to X" / "told X": an entity. */
  recipientOf(i: number): string | undefined {
    const to = this.v.kids(i, 'obl').find((k) => this.v.caseOf(k) === 'to');
    const obj = this.v.lemma(i) === 'tell' ? this.v.kids(i, 'obj', 'iobj')[0] : undefined;
    const h = to ?? obj;
    if (h !== undefined) return this.v.entityOfNominal(h);
    if (this.v.lower(i + 1) === 'to' || this.v.lower(i + 2) === 'to') return this.entityAfter(i, 5);
    return undefined;
  }

  /** All cue-based drafts in sentence si. */
  scanSentence(si: number): Draft[] {
    const s = this.doc.sentences[si]!;
    const out: Draft[] = [];
    const cues: number[] = [];
    for (let k = s.firstToken; k < s.endToken; k++) {
      const t = this.v.tokens[k]!;
      const lemma = this.v.lemma(k);
      // "warning that …" is sometimes tagged NOUN: a cue when a clause or quotation follows
      const ingCue = t.pos === 'NOUN' && /ing$/.test(t.text) && /^(?:that|“|")$/.test(this.v.lower(k + 1))
        && stemCandidates(t.text.toLowerCase()).some((c) => CUE_VERBS.has(c));
      if ((CUE_VERBS.has(lemma) || ingCue) && (t.pos === 'VERB' || t.pos === '' || ingCue) && !['amod', 'compound'].includes(this.v.baseDep(k))) {
        // "point" only as "point out"; "expect"/"believe" only with a clausal complement
        if (lemma === 'point' && this.v.lower(k + 1) !== 'out') continue;
        // "informed sources", "said sources": a participle before a source noun modifies it
        if (UNNAMED_SOURCE_HEADS.has(this.v.lemma(k + 1)) && /(?:ed|en)$/.test(this.v.lower(k)) && k + 1 < s.endToken) continue;
        if (['believe', 'expect', 'estimate', 'predict', 'add', 'write', 'post', 'spread'].includes(lemma) && this.v.parsed && this.v.kids(k, 'ccomp', 'obj').length === 0 && this.v.baseDep(k) !== 'parataxis') continue;
        cues.push(k);
      }
      if (this.v.lower(k) === 'according' && this.v.lower(k + 1) === 'to') cues.push(k);
    }
    cues.forEach((k, n) => {
      const stop = cues[n + 1] ?? s.endToken;
      if (this.v.lower(k) === 'according') {
        out.push(this.accordingTo(k, si));
        return;
      }
      const sp = this.speakerOf(k);
      const content = this.contentOf(k).filter((j) => j !== k);
      const span = this.v.spanOf(content) ?? { start: s.start, end: s.end };
      const between = this.doc.text.slice(this.v.tokens[k]!.end, span.start + 1);
      const quote = /[“"]\s*$/.test(between) || /^\s*(?:that\s+)?[“"]/i.test(this.doc.text.slice(this.v.tokens[k]!.end, span.end)) || mostlyQuoted(this.doc.slice(span));
      const d: Draft = { span, sentence: si, cue: this.cueSpan(k), cited: this.citedFor(k, stop), quote, inherited: false };
      if (sp.speaker) d.speaker = sp.speaker;
      if (sp.anaphoric) d.anaphoric = sp.anaphoric;
      if (sp.anaphorWords) d.anaphorWords = sp.anaphorWords;
      const r = this.recipientOf(k);
      if (r && r !== d.speaker) d.recipient = r;
      out.push(d);
    });
    return out;
  }

  /** Cue span: the verb, widened to "as reported by" / "mentioned to" when those words are there. */
  cueSpan(k: number): Span {
    let a = k;
    let b = k;
    if (this.v.lower(k - 1) === 'as') a = k - 1;
    if (this.v.lower(k + 1) === 'by' || (this.v.lower(k + 1) === 'to' && this.v.lemma(k) !== 'say')) b = k + 1;
    if (this.v.lower(k + 1) === 'out') b = k + 1;
    return { start: this.v.tokens[a]!.start, end: this.v.tokens[b]!.end };
  }

  /** "According to X, content": X is the speaker; content is the rest of the sentence. */
  accordingTo(k: number, si: number): Draft {
    const s = this.doc.sentences[si]!;
    // the nominal governed by "according to": its head in UD, else the next entity
    const t = this.v.tokens[k]!;
    let nominal = this.v.baseDep(k) === 'case' && t.head > k ? t.head : -1;
    let speaker: string | undefined;
    let anaphoric: Draft['anaphoric'];
    if (nominal >= 0) {
      const dets = this.v.kids(nominal, 'det', 'amod').map((j) => this.v.lower(j));
      if (this.v.lemma(nominal) === 'source' && (dets.includes('the') || dets.includes('same') || dets.includes('these'))) anaphoric = 'sources';
      speaker = this.v.entityOfNominal(nominal) ?? (anaphoric ? undefined : this.makeSource(nominal));
    } else {
      speaker = this.entityAfter(k + 1, 6);
      // without a tree, the NP ends at the first comma
      for (let j = k + 2; j < s.endToken; j++) if (this.v.tokens[j]!.text === ',') { nominal = j - 1; break; }
      const words = this.doc.text.slice(this.v.tokens[k + 1]!.end, this.v.tokens[Math.max(nominal, k + 2)]!.end).toLowerCase();
      if (/^\s*the\s+(?:same\s+)?sources?\b/.test(words)) anaphoric = 'sources';
    }
    const cueEnd = nominal >= 0 ? Math.max(...this.v.subtree(nominal), nominal) : k + 1;
    const contentIdx: number[] = [];
    for (let j = s.firstToken; j < s.endToken; j++) if (j < k || j > cueEnd) contentIdx.push(j);
    const span = this.v.spanOf(contentIdx) ?? { start: s.start, end: s.end };
    const d: Draft = { span, sentence: si, cue: { start: t.start, end: this.v.tokens[k + 1]!.end }, cited: [], quote: false, inherited: false };
    if (speaker) d.speaker = speaker;
    if (anaphoric) d.anaphoric = anaphoric;
    if (anaphoric && nominal >= 0 && this.v.baseDep(k) === 'case') d.anaphorWords = this.anaphorWords(nominal);
    return d;
  }
}

/** Turn drafts into claims, resolving anaphora and carrying chains over (rules 2–3). */
function finalize(doc: Doc, v: DocView, drafts: Draft[]): Claim[] {
  const claims: Claim[] = [];
  const kinds: CertaintyFactors['sourceKind'][] = [];
  const isAnonymous = (id: string) => v.entityById.get(id)?.anonymous === true;
  let n = 0;
  for (const d of drafts) {
    let attributedTo: string[] = [];
    let via: string[] = [];
    const prev = claims.length > 0 ? claims[claims.length - 1] : undefined;
    if (d.cited.length > 0) {
      attributedTo = d.cited;
      if (d.speaker) via = [d.speaker];
    } else if (d.anaphoric === 'pronoun' && prev) {
      attributedTo = [...prev.attributedTo];
      via = [...prev.via];
    } else if (d.anaphoric === 'sources') {
      // the most recent claim whose source is a source group: one named with the anaphor's own
      // words first ("the same security sources"), then anonymous ones, then any SOURCE
      const earlier = [...claims].reverse();
      const words = d.anaphorWords ?? [];
      const named = (c: Claim) => words.length > 0 && c.attributedTo.some((e) => words.every((w) => (v.entityById.get(e)?.name ?? '').toLowerCase().includes(w)));
      const back = earlier.find(named)
        ?? earlier.find((c) => c.attributedTo.some(isAnonymous))
        ?? earlier.find((c) => c.attributedTo.some((e) => v.entityById.get(e)?.type === 'SOURCE'));
      if (back) {
        attributedTo = [...back.attributedTo];
        via = [...back.via];
      } else if (d.speaker) attributedTo = [d.speaker];
    } else if (d.speaker) {
      attributedTo = [d.speaker];
      // a source seen before keeps the intermediaries it had
      const back = [...claims].reverse().find((c) => c.attributedTo.includes(d.speaker!) && c.via.length > 0);
      if (back) via = [...back.via];
    }
    if (d.recipient && isOutlet(v.entityById.get(d.recipient)) && !via.includes(d.recipient)) via.push(d.recipient);
    if (d.recipient && !isOutlet(v.entityById.get(d.recipient)) && via.length === 0 && v.entityById.get(d.recipient)?.type === 'ORGANIZATION') via.push(d.recipient);
    via = via.filter((e) => !attributedTo.includes(e));
    const sentence = doc.sentences[d.sentence]!;
    const hedges = findHedges(doc.text.slice(Math.min(sentence.start, d.span.start), Math.max(sentence.end, d.span.end)));
    const anonymous = attributedTo.length > 0 && attributedTo.every(isAnonymous);
    const kind: CertaintyFactors['sourceKind'] = attributedTo.length === 0 ? 'none'
      : anonymous ? 'anonymous'
      : attributedTo.some((e) => ['PERSON', 'ORGANIZATION', 'LOCATION'].includes(v.entityById.get(e)?.type ?? '')) ? 'named' : 'unnamed';
    const claim: Claim = {
      id: `c${++n}`,
      start: d.span.start,
      end: d.span.end,
      attributedTo,
      via,
      anonymous,
      hedges,
      certainty: certaintyOf({ sourceKind: kind, viaCount: via.length, hedges, quote: d.quote }),
    };
    if (d.cue) claim.cue = doc.textSpan(d.cue);
    if (d.quote) claim.quote = true;
    claims.push(claim);
    kinds.push(kind);
  }
  // Nested outlets: "X warned that …, according to the agency": the agency passes X's words on
  claims.forEach((inner, i) => {
    for (const outer of claims) {
      if (outer === inner || drafts[claims.indexOf(outer)]!.sentence !== drafts[i]!.sentence) continue;
      if (!(outer.start <= inner.start && outer.end >= inner.end) || outer.end - outer.start === inner.end - inner.start) continue;
      if (outer.attributedTo.length === 0 || !outer.attributedTo.every((e) => isOutlet(v.entityById.get(e)))) continue;
      const add = [...outer.attributedTo, ...outer.via].filter((e) => !inner.via.includes(e) && !inner.attributedTo.includes(e));
      if (add.length === 0) continue;
      inner.via.push(...add);
      inner.certainty = certaintyOf({ sourceKind: kinds[i]!, viaCount: inner.via.length, hedges: inner.hedges, quote: inner.quote === true });
    }
  });
  return claims;
}

/** Rule 4: drafts for cue-less sentences that continue a reported chain. */
function inheritDrafts(doc: Doc, v: DocView, byCue: Draft[][]): Draft[][] {
  const para = v.paragraphs();
  const nPara = para.length === 0 ? 0 : para[para.length - 1]! + 1;
  const sentencesOf = (p: number) => para.flatMap((q, i) => (q === p ? [i] : []));
  const firstDraft = (p: number) => sentencesOf(p).flatMap((i) => byCue[i]!)[0];
  const lastDraft = (p: number) => sentencesOf(p).flatMap((i) => byCue[i]!).at(-1);
  const copy = (src: Draft, si: number): Draft => {
    const s = doc.sentences[si]!;
    const d: Draft = { span: { start: s.start, end: s.end }, sentence: si, cited: [...src.cited], quote: false, inherited: true };
    if (src.speaker) d.speaker = src.speaker;
    if (src.anaphoric) d.anaphoric = src.anaphoric;
    if (src.anaphorWords) d.anaphorWords = src.anaphorWords;
    if (src.recipient) d.recipient = src.recipient;
    return d;
  };
  const out = byCue.map((ds) => [...ds]);
  const opensVoice = (si: number) => VOICE_BREAKS.test(doc.slice(doc.sentences[si]!).trim());
  for (let p = 0; p < nPara; p++) {
    const sents = sentencesOf(p);
    const own = sents.some((i) => byCue[i]!.length > 0);
    if (own) {
      for (const si of sents) {
        if (byCue[si]!.length > 0 || opensVoice(si)) continue;
        const before = sents.filter((j) => j < si && byCue[j]!.length > 0).at(-1);
        const after = sents.find((j) => j > si && byCue[j]!.length > 0);
        const src = before !== undefined ? byCue[before]!.at(-1) : after !== undefined ? byCue[after]![0] : undefined;
        if (src) out[si]!.push(copy(src, si));
      }
      continue;
    }
    let src: Draft | undefined;
    if (p === 0 && nPara > 1) {
      const next = firstDraft(1);
      if (next && (next.cited.length > 0 || next.recipient)) src = next;
    } else if (p > 0 && p + 1 < nPara) {
      const a = lastDraft(p - 1);
      const b = firstDraft(p + 1);
      const sameChain = a && b && (b.anaphoric === 'sources' || (a.speaker !== undefined && a.speaker === b.speaker) || (a.cited.length > 0 && a.cited.join() === b.cited.join()));
      if (sameChain) src = a;
    }
    if (!src) continue;
    for (const si of sents) if (!opensVoice(si)) out[si]!.push(copy(src, si));
  }
  return out;
}

/**
 * The `claims` stage.
 * @example
 *   // "X reported, citing informed sources, that …" →
 *   // { attributedTo: [informed sources], via: [X], anonymous: true, cue: 'reported' }
 */
export function claimDetector(opts: ClaimDetectorOptions = {}): Stage {
  const full: Required<ClaimDetectorOptions> = { createSources: opts.createSources ?? true, inherit: opts.inherit ?? true };
  return {
    name: 'claims',
    requires: ['sentences', 'tokens', 'deps', 'entities'],
    assigns: ['claims'],
    run(doc: Doc) {
      const scanner = new ClaimScanner(doc, full);
      const byCue = doc.sentences.map((_, si) => scanner.scanSentence(si));
      const all = full.inherit ? inheritDrafts(doc, scanner.v, byCue) : byCue;
      // Inherited drafts take their chain from the cue draft they copy; order by position so
      // anaphora resolves against what the reader has seen.
      const drafts = all.flat().sort((a, b) => a.span.start - b.span.start || Number(a.inherited) - Number(b.inherited));
      doc.claims = finalize(doc, scanner.v, drafts);
    },
  };
}
