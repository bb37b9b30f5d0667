/**
 * @module extract/events
 * The `events` stage: PLOVER events with type, mode/context, CAMEO code, trigger span, source and
 * target actors, location, date, modality and the claim that carries them.
 *
 * Steps per token (details in docs/events.md):
 *  1. Trigger: a verb in the lexicon (pos VERB), or a noun in the noun list (pos NOUN). A light
 *     verb ("held", "carried out", "imposed") whose object is a noun trigger yields to the noun.
 *     A definite noun that refers back to an earlier event of the same kind ("during the
 *     meeting", "these messages") is not a new event.
 *  2. Type: the first lexicon pattern whose words occur in the trigger's phrase wins ("media
 *     attacks" → ACCUSE; "cast doubt" → no event); else the entry's type. An assault under
 *     "readiness/ready to …" is a THREATEN.
 *  3. Arguments (events/arguments.ts), modality (events/modality.ts), date (nearest time
 *     expression in the trigger's clause), claim (the narrowest claim containing the trigger).
 *  4. Discourse fallbacks: a REQUEST without an addressee made "during" an earlier meeting is
 *     addressed to that meeting's other participants; an event with no source whose clause
 *     subject is a pronoun (or missing) takes the sources of the previous event in its paragraph.
 */
import type { DocEvent, Doc, EventType, TimeExpression } from '../nlp/doc.ts';
import type { Stage } from '../pipeline/stage.ts';
import { DocView } from './tree.ts';
import { loadLexicon, type TriggerLexicon } from './events/lexicon.ts';
import { LIGHT_VERBS, type LexEntry } from './events/lexicon-data.ts';
import { modalityOf } from './events/modality.ts';
import { attendees, mergeArgs, nounArgs, verbArgs, type EventArgs } from './events/arguments.ts';

export interface EventExtractorOptions {
  /** Path of a trigger lexicon JSON (default: the shipped data/lexicon/triggers.json). */
  lexiconPath?: string;
  /** Keep events with neither a source nor a target (default true: conditional/negated intelligence). */
  keepActorless?: boolean;
}

interface Candidate {
  trigger: number;
  /** Clause head carrying the event: the trigger, or the light verb of a noun trigger. */
  clause: number;
  noun: boolean;
  entry: LexEntry;
}

const ANAPHORIC_DETS = new Set(['the', 'this', 'these', 'that', 'those', 'such']);
const PRONOUNS = new Set(['it', 'they', 'he', 'she', 'we', 'this', 'its', 'their', 'his', 'her']);

function lemmaOf(v: DocView, lex: TriggerLexicon, i: number): string {
  const t = v.tokens[i]!;
  if (t.lemma) return t.lemma.toLowerCase();
  return lex.formLemma(t.text.toLowerCase()) ?? v.lemma(i);
}

/** Resolve the type from patterns: the words must appear in the trigger's phrase (not its subject). */
function typed(v: DocView, lex: TriggerLexicon, c: Candidate): LexEntry | null {
  const lemma = lemmaOf(v, lex, c.trigger);
  const subj = new Set(v.kids(c.clause, 'nsubj').flatMap((s) => v.subtree(s)));
  const phrase = new Set<string>();
  const idx = new Set([...v.subtree(c.clause), ...v.subtree(c.trigger)]);
  for (const i of idx) {
    if (subj.has(i) || i === c.trigger) continue;
    phrase.add(v.lower(i));
    phrase.add(lemmaOf(v, lex, i));
  }
  for (const p of lex.patterns(lemma)) if (p.words.every((w) => phrase.has(w))) return p.entry;
  return c.entry;
}

function findCandidates(v: DocView, lex: TriggerLexicon): Candidate[] {
  const out: Candidate[] = [];
  const nounObjOfLight = new Set<number>();
  v.tokens.forEach((t, i) => {
    const pos = t.pos;
    if (!/^[A-Za-z]/.test(t.text)) return;
    const lemma = lemmaOf(v, lex, i);
    const dep = v.baseDep(i);
    // a lower-case word tagged PROPN is a tagger slip ("in consultation with")
    const nounish = pos === 'NOUN' || pos === '' || (pos === 'PROPN' && /^[a-z]/.test(t.text));
    if (nounish && lex.noun(lemma) && dep !== 'compound') {
      const head = t.head;
      const light = head >= 0 && LIGHT_VERBS.has(lemmaOf(v, lex, head)) && (dep === 'obj' || (dep === 'conj' && nounObjOfLight.has(head)));
      if (light) nounObjOfLight.add(head);
      out.push({ trigger: i, clause: light ? head : i, noun: true, entry: lex.noun(lemma)! });
      return;
    }
    // a verb right after an auxiliary is finite even when the parser calls it amod ("has rejected a request")
    const misparsedFinite = dep === 'amod' && /^(?:has|have|had|was|were|is|are|will|would|'s)$/.test(v.lower(i - 1));
    if ((pos === 'VERB' || pos === '') && lex.verb(lemma) && (dep !== 'amod' || misparsedFinite) && dep !== 'compound') {
      out.push({ trigger: i, clause: i, noun: false, entry: lex.verb(lemma)! });
    }
  });
  // light verbs whose object is a noun trigger are not events themselves; nor is a participle
  // describing a noun trigger ("a meeting attended by …", "strikes launched by …")
  const lightHeads = new Set(out.filter((c) => c.noun && c.clause !== c.trigger).map((c) => c.clause));
  const nounTriggers = new Set(out.filter((c) => c.noun).map((c) => c.trigger));
  // "A drone attack targeted the base": the noun subject names the verb's own event
  const verbTypes = new Map(out.filter((c) => !c.noun).map((c) => [c.trigger, c.entry.type]));
  const sameAsVerb = (c: Candidate) => c.noun && v.baseDep(c.trigger) === 'nsubj' && verbTypes.get(v.tokens[c.trigger]!.head) === c.entry.type;
  // "a meeting in recent days attended by …": the participle belongs to the gathering it describes
  const participant = (c: Candidate) => !c.noun && v.baseDep(c.trigger) === 'acl' && ['attend', 'join', 'host'].includes(lemmaOf(v, lex, c.trigger));
  return out.filter((c) => !participant(c)).filter((c) => (c.noun && !sameAsVerb(c)) || (!c.noun && !lightHeads.has(c.trigger) && !(v.baseDep(c.trigger) === 'acl' && nounTriggers.has(v.tokens[c.trigger]!.head))));
}

/** Is noun trigger c a back-reference to an earlier event of the same lemma/type? */
function refersBack(v: DocView, lex: TriggerLexicon, c: Candidate, earlier: DocEvent[], triggerLemmas: Map<string, string>, type: EventType): DocEvent | undefined {
  if (!c.noun) return undefined;
  const dets = v.kids(c.trigger, 'det').map((k) => v.lower(k));
  if (!dets.some((d) => ANAPHORIC_DETS.has(d))) return undefined;
  // "the meeting attended by …", "the attack on X": a definite noun with its own arguments is new
  if (v.kids(c.trigger, 'acl', 'nmod').length > 0 && !dets.some((d) => d !== 'the')) return undefined;
  const lemma = lemmaOf(v, lex, c.trigger);
  return [...earlier].reverse().find((e) => e.type === type && triggerLemmas.get(e.id) === lemma);
}

function dateFor(v: DocView, c: Candidate, times: TimeExpression[]): DocEvent['date'] | undefined {
  if (times.length === 0) return undefined;
  const idx = [...new Set([...v.subtree(c.clause), ...v.subtree(c.trigger)])];
  // the clause only: stop at embedded clauses that carry their own events
  const t0 = v.tokens[c.trigger]!;
  let best: TimeExpression | undefined;
  let bestDist = Infinity;
  for (const tx of times) {
    const inClause = idx.some((i) => v.tokens[i]!.start < tx.end && v.tokens[i]!.end > tx.start);
    if (!inClause) continue;
    const d = Math.abs(tx.start - t0.start);
    if (d < bestDist) {
      best = tx;
      bestDist = d;
    }
  }
  if (!best) return undefined;
  return { text: best.text, start: best.value.start, end: best.value.end, span: { start: best.start, end: best.end } };
}

/**
 * The `events` stage.
 * @example
 *   // "Iranian officials requested the registration of volunteers." →
 *   // REQUEST (sources [Iran]) and MOBILIZE (modality 'requested')
 */
export function eventExtractor(opts: EventExtractorOptions = {}): Stage {
  const lex = loadLexicon(opts.lexiconPath);
  const keepActorless = opts.keepActorless ?? true;
  return {
    name: 'events',
    requires: ['deps', 'entities', 'claims', 'times'],
    assigns: ['events'],
    run(doc: Doc) {
      const v = new DocView(doc, (l) => lex.verb(l) !== undefined || lex.noun(l) !== undefined || LIGHT_VERBS.has(l));
      const paragraphs = v.paragraphs();
      const events: DocEvent[] = [];
      const triggerLemmas = new Map<string, string>();
      const eventParagraph = new Map<string, number>();
      const byTrigger = new Map<number, DocEvent>();
      for (const c of findCandidates(v, lex)) {
        const entry = typed(v, lex, c);
        if (!entry) continue;
        const facts = modalityOf(v, c.trigger, false);
        if (v.lower(c.trigger) === 'according' && v.lower(c.trigger + 1) === 'to') continue;
        let type = entry.type;
        let cameo = entry.cameo;
        let mode = entry.mode;
        let context = entry.context;
        const readiness = type === 'ASSAULT' && !facts.threat ? threatWordBefore(v, c) : -1;
        if (readiness >= 0) facts.threat = true;
        let retypedThreat = false;
        if (facts.threat && type === 'ASSAULT') {
          retypedThreat = true;
          type = 'THREATEN';
          cameo = '138';
          mode = 'violence';
          context = 'military';
        }
        // crowds that block roads or strike are protesting (CAMEO 143/144), not coercing or attacking
        const crowd = crowdSubject(v, c);
        if (crowd && (type === 'COERCE' || type === 'ASSAULT') && ['block', 'blockade', 'strike', 'occupy', 'barricade'].includes(lemmaOf(v, lex, c.trigger))) {
          const striking = lemmaOf(v, lex, c.trigger) === 'strike';
          type = 'PROTEST';
          cameo = striking ? '143' : '144';
          mode = striking ? 'boycott' : 'obstruct';
          context = undefined;
        }
        if (refersBack(v, lex, c, events, triggerLemmas, type)) continue;
        let args: EventArgs = c.noun
          ? c.clause !== c.trigger
            ? mergeArgs(verbArgs(v, c.clause, type, c.trigger), nounArgs(v, c.trigger, type))
            : nounArgs(v, c.trigger, type)
          : verbArgs(v, c.clause, type);
        // "readiness of X to … carry out operations": X is the one threatening
        if (readiness >= 0) {
          const ready = v.kids(readiness, 'nmod', 'nmod:poss').filter((k) => ['of', ''].includes(v.caseOf(k))).flatMap((k) => v.entitiesOfArg(k));
          if (ready.length > 0) args = { ...args, sources: ready, targets: args.targets.filter((e) => !ready.includes(e)) };
        }
        const t = v.tokens[c.trigger]!;
        const sentence = t.sentence;
        // Rule 4a: a request "during the meeting" is addressed to the meeting's other participants
        if (type === 'REQUEST' && args.targets.length === 0) {
          for (const o of v.kids(c.clause, 'obl')) {
            if (v.caseOf(o) !== 'during') continue;
            const ref = [...events].reverse().find((e) => e.type === 'CONSULT' && triggerLemmas.get(e.id) === lemmaOf(v, lex, o));
            if (ref) args = { ...args, targets: [...ref.sources, ...ref.targets].filter((e) => !args.sources.includes(e)) };
          }
        }
        // "held a meeting in recent days attended by …": the participle may hang on any word of the clause
        if (type === 'CONSULT') {
          for (const i of v.subtree(c.clause)) {
            if (v.baseDep(i) !== 'acl' || !['attend', 'join'].includes(v.lemma(i))) continue;
            const extra = attendees(v, i);
            args = { ...args, targets: [...args.targets, ...extra.filter((e) => !args.targets.includes(e) && !args.sources.includes(e))] };
          }
        }
        // "operations … against X" when the parser lost the attachment: the nearest "against" phrase
        if (args.targets.length === 0 && AGAINST_TYPES.has(type)) {
          const extra = againstPhrase(v, c.trigger).filter((e) => !args.sources.includes(e));
          if (extra.length > 0) args = { ...args, targets: extra };
        }
        // Rule 4b: pronoun or missing subject → the previous event's sources in this paragraph
        if (args.sources.length === 0) {
          const subj = effectiveSubject(v, c.clause);
          // "it", "its fighters", "their support": a pronoun stands for the actor
          const pronounSubject = subj === undefined ? !c.noun
            : PRONOUNS.has(v.lower(subj)) || v.kids(subj, 'nmod:poss').some((k) => PRONOUNS.has(v.lower(k)));
          const possPronoun = c.noun && v.kids(c.trigger, 'nmod:poss').some((k) => PRONOUNS.has(v.lower(k)));
          if (pronounSubject || possPronoun) {
            const prev = [...events].reverse().find((e) => eventParagraph.get(e.id) === paragraphs[sentence] && e.sources.length > 0);
            // in reported speech ("X said its fighters struck …") the speaker is the antecedent
            const speaker = claimOf(doc, v.tokens[c.trigger]!)?.attributedTo.filter((e) => ['ORGANIZATION', 'PERSON', 'LOCATION'].includes(v.entityById.get(e)?.type ?? ''));
            const fill = prev?.sources ?? (speaker && speaker.length > 0 ? speaker : undefined);
            if (fill) args = { ...args, sources: [...fill], targets: args.targets.filter((e) => !fill.includes(e)) };
          }
        }
        if (!keepActorless && args.sources.length === 0 && args.targets.length === 0) continue;
        const claim = claimOf(doc, t);
        let modality = retypedThreat ? facts.threatModality : facts.modality;
        if (modality === 'asserted' && claim) modality = 'reported';
        // PLOVER codes a stated intention to cooperate ("is willing to help", "will release") as AGREE
        if (modality === 'planned' && INTENT_TYPES.has(type) && !c.noun) {
          cameo = '030';
          mode = undefined;
          context = entry.context;
          type = 'AGREE';
        }
        const ev: DocEvent = {
          id: `v${events.length + 1}`,
          type,
          modality,
          trigger: doc.textSpan(triggerSpan(v, c)),
          sources: args.sources,
          targets: args.targets,
        };
        if (mode) ev.mode = mode;
        if (context) ev.context = context;
        if (cameo) ev.cameo = cameo;
        if (args.location) ev.location = args.location;
        const date = dateFor(v, c, doc.times);
        if (date) ev.date = date;
        if (claim) ev.claim = claim.id;
        events.push(ev);
        byTrigger.set(c.trigger, ev);
        triggerLemmas.set(ev.id, lemmaOf(v, lex, c.trigger));
        eventParagraph.set(ev.id, paragraphs[sentence] ?? 0);
      }
      events.push(...mustRequests(v, doc, events));
      // text order, ids v1, v2, … in that order
      events.sort((a, b) => a.trigger.start - b.trigger.start);
      events.forEach((e, i) => (e.id = `v${i + 1}`));
      doc.events = events;
    },
  };
}

const CROWDS = new Set(['protester', 'demonstrator', 'worker', 'student', 'farmer', 'people', 'resident', 'villager', 'crowd', 'trucker', 'driver', 'teacher', 'employee', 'union', 'activist', 'miner', 'doctor', 'nurse']);

/** Is the clause subject a crowd ("workers", "hundreds of residents")? */
function crowdSubject(v: DocView, c: Candidate): boolean {
  const s = v.kids(c.clause, 'nsubj')[0];
  if (s === undefined) return false;
  const heads = [s, ...v.kids(s, 'nmod').filter((k) => v.caseOf(k) === 'of')];
  return heads.some((h) => CROWDS.has(v.lemma(h)) || CROWDS.has(v.lemma(h).replace(/s$/, '')));
}

/** Cooperative acts whose announced intention PLOVER codes as AGREE. */
const INTENT_TYPES = new Set<EventType>(['AID', 'COOPERATE', 'CONCEDE', 'RETREAT', 'SUPPORT', 'CONSULT']);

const AGAINST_TYPES = new Set<EventType>(['ASSAULT', 'THREATEN', 'ACCUSE', 'PROTEST', 'SANCTION', 'COERCE', 'MOBILIZE']);

/** Entities of an "against …" phrase starting within 4 tokens after the trigger, up to punctuation or a verb. */
function againstPhrase(v: DocView, t: number): string[] {
  const s = v.doc.sentences[v.tokens[t]!.sentence]!;
  for (let k = t + 1; k < Math.min(t + 5, s.endToken); k++) {
    if (v.lower(k) !== 'against') continue;
    const out: string[] = [];
    for (let j = k + 1; j < s.endToken; j++) {
      const tok = v.tokens[j]!;
      if (tok.pos === 'VERB' || /^[,;.:!?]$/.test(tok.text)) break;
      const e = v.tokenEntity[j];
      if (e && !out.includes(e)) out.push(e);
    }
    return out;
  }
  return [];
}

/** The narrowest claim containing a span. */
function claimOf(doc: Doc, span: { start: number; end: number }) {
  return doc.claims.filter((cl) => cl.start <= span.start && cl.end >= span.end).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
}

const THREAT_WORDS = new Set(['readiness', 'ready', 'willing', 'willingness', 'prepared', 'preparedness']);

/**
 * Fallback for parses that lose the "readiness … to carry out operations" path: a readiness word
 * earlier in the same sentence, with the trigger's clause not the sentence's main clause.
 * Returns the readiness word's index, or -1.
 */
function threatWordBefore(v: DocView, c: Candidate): number {
  if (v.tokens[c.clause]!.head < 0) return -1;
  const s = v.doc.sentences[v.tokens[c.trigger]!.sentence]!;
  for (let k = c.trigger - 1; k >= s.firstToken; k--) if (THREAT_WORDS.has(v.lemma(k))) return k;
  return -1;
}

/**
 * The subject that governs clause head c: its own, else that of the verb it depends on through
 * xcomp / advcl / conj / obj / nmod / obl (climbing at most a few steps). Undefined when none.
 */
function effectiveSubject(v: DocView, c: number): number | undefined {
  for (let n = c, steps = 0; n >= 0 && steps < 5; steps++) {
    const s = v.kids(n, 'nsubj')[0];
    if (s !== undefined) return s;
    if (!['xcomp', 'advcl', 'conj', 'obj', 'nmod', 'obl', 'acl'].includes(v.baseDep(n))) return undefined;
    n = v.tokens[n]!.head;
  }
  return undefined;
}

/**
 * "X said (that) Y must/should do Z": a REQUEST from the speaker to Y (CAMEO 10), triggered by
 * "must …". Only inside a claim with a source, and only when Y is an entity other than the speaker.
 */
function mustRequests(v: DocView, doc: Doc, existing: DocEvent[]): DocEvent[] {
  const out: DocEvent[] = [];
  v.tokens.forEach((t, i) => {
    const w = t.text.toLowerCase();
    if ((w !== 'must' && w !== 'should') || v.baseDep(i) !== 'aux') return;
    const verb = t.head;
    if (verb < 0) return;
    const claim = claimOf(doc, t);
    if (!claim || claim.attributedTo.length === 0) return;
    const targets = v.kids(verb, 'nsubj').flatMap((s) => v.entitiesOfArg(s)).filter((e) => !claim.attributedTo.includes(e));
    if (targets.length === 0) return;
    const span = { start: t.start, end: Math.max(t.end, v.tokens[verb]!.end) };
    if (existing.some((e) => e.type === 'REQUEST' && e.trigger.start === span.start)) return;
    out.push({
      id: '', type: 'REQUEST', cameo: '100', modality: 'reported', trigger: doc.textSpan(span),
      sources: [...claim.attributedTo], targets, claim: claim.id,
    });
  });
  return out;
}

/** Trigger span: the word, widened to its light verb ("held a meeting") or compound modifiers. */
function triggerSpan(v: DocView, c: Candidate): { start: number; end: number } {
  const t = v.tokens[c.trigger]!;
  if (c.clause !== c.trigger && v.tokens[c.clause]!.start < t.start && t.sentence === v.tokens[c.clause]!.sentence) {
    const gap = v.doc.text.slice(v.tokens[c.clause]!.end, t.start);
    if (gap.length <= 12) return { start: v.tokens[c.clause]!.start, end: t.end };
  }
  return { start: t.start, end: t.end };
}
