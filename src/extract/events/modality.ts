/**
 * @module extract/events/modality
 * Modality of an event from the dependency path between its trigger and the clause that carries
 * it. We climb from the trigger towards the root through complement-like relations (xcomp, ccomp,
 * obj, advcl, acl, nmod, obl, conj), and through a subject only into "eventless" verbs ("an
 * intervention could happen", "intervention requires …"). We stop at a reporting verb: what a
 * source says is the claim's business, not the event's. Along the way we note:
 *
 *   negated      not / never / n't on a node, "no" on a noun ("no intention to act"),
 *                "without" on a node, or the complement of "deny"
 *   conditional  could / might / may, "if" / "unless" / "in the event that" clauses on the path
 *                or beside it, "depending on", "require(s)", "in case of"
 *   requested    the node is the object/complement of a request verb or noun
 *                (request, ask, call for, urge, demand, appeal, recommend, …)
 *   planned      will / shall / would / going to, or a plan verb or noun
 *                (plan, intend, prepare, aim, decide, intention, preparation, …)
 *   threat       readiness / ready / willing / prepared governs an assault → a THREATEN reading
 *
 * Priority: negated > conditional > requested > planned > reported (inside a claim) > asserted.
 */
import type { Modality } from '../../nlp/doc.ts';
import type { DocView } from '../tree.ts';
import { CUE_VERBS } from '../claims/cues.ts';

const NEGATORS = new Set(['not', "n't", 'never', 'no', 'without', 'nor']);
const CONDITIONAL_AUX = new Set(['could', 'might', 'may']);
const PLANNED_AUX = new Set(['will', 'shall', "'ll", 'would', 'wo']);
const CONDITIONAL_LEMMAS = new Set(['require', 'depend', 'condition']);
const REQUEST_HEADS = new Set([
  'request', 'ask', 'call', 'urge', 'demand', 'appeal', 'recommend', 'recommendation', 'advise',
  'press', 'instruct', 'order', 'push', 'petition', 'invite', 'encourage',
]);
const PLAN_HEADS = new Set([
  'plan', 'intend', 'prepare', 'aim', 'decide', 'seek', 'want', 'expect', 'intention', 'preparation',
  'plot', 'schedule', 'consider', 'vow', 'pledge', 'promise', 'threaten', 'decision',
]);
const TOPIC_HEADS = new Set(['discussion', 'talk', 'negotiation', 'debate', 'decision', 'consultation', 'question', 'dispute', 'proposal', 'idea', 'plan']);
const TOPIC_CASES = new Set(['about', 'on', 'over', 'regarding', 'concerning']);
const REFUSE_HEADS = new Set(['refuse', 'decline', 'renege', 'reject', 'fail']);
const THREAT_HEADS = new Set(['readiness', 'ready', 'willing', 'willingness', 'prepared', 'preparedness']);
/** Verbs whose subject is an event rather than an actor: climbing through nsubj is allowed. */
const EVENTLESS = new Set(['happen', 'occur', 'take', 'begin', 'start', 'continue', 'remain', 'come', 'require', 'need', 'be', 'depend', 'seem', 'appear', 'follow']);
const CLIMB = new Set(['xcomp', 'ccomp', 'obj', 'iobj', 'advcl', 'acl', 'nmod', 'obl', 'conj', 'csubj', 'appos', 'root']);
const CONDITIONAL_MARKS = /^(?:if|unless|whether|provided|once)$/;

export interface ModalityFacts {
  modality: Modality;
  /** The trigger sits under "readiness/ready to …": an assault here is a threat, not an act. */
  threat: boolean;
  /** The modality to use when the event is re-read as a THREATEN (readiness does not make it planned). */
  threatModality: Modality;
  /** Tokens walked (trigger first), for the caller's argument fallbacks. */
  path: number[];
}

/** Does node n have a conditional dependent beside the path ("in the event that …", "depending on …")? */
function conditionalBeside(v: DocView, n: number): boolean {
  for (const k of v.kids(n, 'advcl', 'obl', 'xcomp', 'ccomp')) {
    const marks = v.kids(k, 'mark', 'case').map((m) => v.lower(m));
    if (marks.some((m) => CONDITIONAL_MARKS.test(m))) return true;
    const before = v.doc.text.slice(Math.max(0, v.tokens[k]!.start - 60), v.tokens[k]!.start).toLowerCase();
    const sub = v.subtree(k);
    const first = v.tokens[sub[0]!]!;
    const lead = v.doc.text.slice(first.start, first.start + 30).toLowerCase();
    if (/^in the event (?:that|of)\b/.test(lead) || /^in case\b/.test(lead)) return true;
    if (v.lemma(k) === 'depend' || v.lower(k) === 'depending') return true;
    if (/\bdepending on\s*[“"]?\s*$/.test(before) && sub.includes(k)) return true;
  }
  return false;
}

/** Compute the modality of the event whose trigger is token `t` (`inClaim`: inside a claim span). */
export function modalityOf(v: DocView, t: number, inClaim: boolean): ModalityFacts {
  let negated = false;
  let conditional = false;
  let requested = false;
  let planned = false;
  let threat = false;
  let ready = false;
  const path: number[] = [];
  let n = t;
  let from = -1;
  for (let steps = 0; n >= 0 && steps < 12; steps++) {
    path.push(n);
    const lemma = v.lemma(n);
    if (from >= 0) {
      const rel = v.baseDep(from);
      if (REQUEST_HEADS.has(lemma) && rel !== 'nsubj' && rel !== 'conj') requested = true;
      if (PLAN_HEADS.has(lemma) && rel !== 'nsubj' && rel !== 'conj') planned = true;
      if (THREAT_HEADS.has(lemma) && rel !== 'nsubj') threat = true;
      if (lemma === 'deny' && (rel === 'ccomp' || rel === 'obj')) negated = true;
      // "refused to deploy": the refused act does not happen
      if (REFUSE_HEADS.has(lemma) && (rel === 'xcomp' || rel === 'ccomp' || rel === 'obj')) negated = true;
      // "is willing/ready to help": an intention, unless it is an assault (a threat, below)
      if (THREAT_HEADS.has(lemma) && rel !== 'nsubj') ready = true;
      if (CONDITIONAL_LEMMAS.has(lemma)) conditional = true;
      // the topic of a discussion or decision ("discussions about the participation in the
      // clashes") is hypothetical, not a reported fact
      if (TOPIC_HEADS.has(lemma) && rel === 'nmod' && TOPIC_CASES.has(v.caseOf(from))) conditional = true;
    }
    // a coordinated clause with its own subject is independent: its head's modifiers are not ours
    const independent = from >= 0 && v.baseDep(from) === 'conj' && v.kids(from, 'nsubj').length > 0;
    for (const k of independent ? [] : (v.children[n] ?? [])) {
      const w = v.lower(k);
      const d = v.baseDep(k);
      if ((d === 'advmod' || d === 'det' || d === 'cc:preconj') && NEGATORS.has(w)) negated = true;
      // "any attack on its soldiers": a hypothetical instance, not one that happened
      if (n === t && d === 'det' && (w === 'any' || w === 'every')) conditional = true;
      if (d === 'case' && w === 'without') negated = true;
      if (d === 'aux' && CONDITIONAL_AUX.has(w)) conditional = true;
      if (d === 'aux' && PLANNED_AUX.has(w)) planned = true;
      // "Libya must hand over …": what someone must do is demanded of them
      if (d === 'aux' && (w === 'must' || w === 'should')) requested = true;
      if (d === 'mark' && CONDITIONAL_MARKS.test(w)) conditional = true;
    }
    if (conditionalBeside(v, n)) conditional = true;
    const head = v.tokens[n]!.head;
    if (head < 0) break;
    const rel = v.baseDep(n);
    const headLemma = v.lemma(head);
    // a reporting verb ends the event's own clause: its negation/modality belongs to the claim
    if (CUE_VERBS.has(headLemma) && !REQUEST_HEADS.has(headLemma) && (rel === 'ccomp' || rel === 'parataxis' || rel === 'obj')) break;
    const ok = CLIMB.has(rel) || (rel === 'nsubj' && EVENTLESS.has(headLemma));
    if (!ok) break;
    from = n;
    n = head;
  }
  const modality: Modality = negated ? 'negated'
    : conditional ? 'conditional'
    : requested ? 'requested'
    : planned || ready ? 'planned'
    : inClaim ? 'reported'
    : 'asserted';
  // a threat is made now: readiness alone does not make "readiness to attack" a plan
  const threatModality: Modality = negated ? 'negated' : conditional ? 'conditional' : requested ? 'requested' : planned ? 'planned' : inClaim ? 'reported' : 'asserted';
  return { modality, threat, threatModality, path };
}
