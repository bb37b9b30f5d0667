/**
 * Specs for the `events` stage on hand-parsed sentences (gold UD trees, our own wording):
 * noun triggers with light verbs, participants from "attended by", location and date, requests
 * addressed to a meeting's participants, conditional / negated / requested modality, threats
 * read from "readiness to …", verbal "attacks", and links to claims.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Doc, DocEvent } from '../nlp/doc.ts';
import { claimDetector } from './claims.ts';
import { eventExtractor } from './events.ts';
import { timeTagger } from './times.ts';
import { docFromCompact, withEntities, type EntitySpec } from './testkit.ts';
import { chainDoc } from './fixtures/chain.ts';

const ctx = { warn: () => {} };

function analyse(doc: Doc): Doc {
  timeTagger().run(doc, ctx);
  claimDetector().run(doc, ctx);
  eventExtractor().run(doc, ctx);
  return doc;
}

function build(compact: string, entities: EntitySpec[]): Doc {
  return analyse(withEntities(docFromCompact(compact, { publishedAt: '2023-10-29' }), entities));
}

function eventAt(doc: Doc, word: string): DocEvent {
  const e = doc.events.find((x) => x.trigger.text.includes(word));
  assert.ok(e, `an event triggered by "${word}" among ${doc.events.map((x) => x.trigger.text).join(', ')}`);
  return e;
}

const MEETING = `
# text = The envoy and the commander held a meeting in Baghdad last week attended by the minister.
1 The the DET 2 det
2 envoy envoy NOUN 6 nsubj
3 and and CCONJ 5 cc
4 the the DET 5 det
5 commander commander NOUN 2 conj
6 held hold VERB 0 root
7 a a DET 8 det
8 meeting meeting NOUN 6 obj
9 in in ADP 10 case
10 Baghdad Baghdad PROPN 6 obl
11 last last ADJ 12 amod
12 week week NOUN 6 obl:tmod
13 attended attend VERB 8 acl
14 by by ADP 16 case
15 the the DET 16 det
16 minister minister NOUN 13 obl:agent
17 . . PUNCT 6 punct

# text = During the meeting, Iranian officials requested support for the movement.
1 During during ADP 3 case
2 the the DET 3 det
3 meeting meeting NOUN 7 obl
4 , , PUNCT 3 punct
5 Iranian Iranian ADJ 6 amod
6 officials official NOUN 7 nsubj
7 requested request VERB 0 root
8 support support NOUN 7 obj
9 for for ADP 11 case
10 the the DET 11 det
11 movement movement NOUN 8 nmod
12 . . PUNCT 7 punct
`;

const MEETING_ENTITIES: EntitySpec[] = [
  { id: 'env', type: 'ROLE', phrases: ['The envoy'] },
  { id: 'cmd', type: 'ROLE', phrases: ['the commander'] },
  { id: 'bgd', type: 'LOCATION', subtype: 'city', phrases: ['Baghdad'] },
  { id: 'min', type: 'ROLE', phrases: ['the minister'] },
  { id: 'irn', type: 'LOCATION', subtype: 'country', phrases: ['Iranian'] },
  { id: 'mov', type: 'ORGANIZATION', phrases: ['the movement'] },
];

test('"held a meeting … attended by X": one CONSULT with hosts, attendees, place and date range', () => {
  const doc = build(MEETING, MEETING_ENTITIES);
  const meetings = doc.events.filter((e) => e.type === 'CONSULT');
  assert.equal(meetings.length, 1, '"during the meeting" refers back, it is no second meeting');
  const m = meetings[0]!;
  assert.equal(m.trigger.text, 'held a meeting');
  assert.deepEqual(m.sources, ['env', 'cmd']);
  assert.deepEqual(m.targets, ['min']);
  assert.equal(m.location, 'bgd');
  assert.deepEqual([m.date?.start, m.date?.end], ['2023-10-16', '2023-10-22']);
  assert.equal(m.modality, 'asserted');
});

test('a request made during a meeting is addressed to its participants; the requested act is "requested"', () => {
  const doc = build(MEETING, MEETING_ENTITIES);
  const r = eventAt(doc, 'requested');
  assert.equal(r.type, 'REQUEST');
  assert.deepEqual(r.sources, ['irn']);
  assert.deepEqual(new Set(r.targets), new Set(['env', 'cmd', 'min']));
  const s = eventAt(doc, 'support');
  assert.equal(s.type, 'SUPPORT');
  assert.equal(s.modality, 'requested');
  assert.deepEqual(s.targets, ['mov']);
});

const MODALITY = `
# text = An intervention could happen if the war widens.
1 An a DET 2 det
2 intervention intervention NOUN 4 nsubj
3 could could AUX 4 aux
4 happen happen VERB 0 root
5 if if SCONJ 8 mark
6 the the DET 7 det
7 war war NOUN 8 nsubj
8 widens widen VERB 4 advcl
9 . . PUNCT 4 punct

# text = The group has no intention to attack the base.
1 The the DET 2 det
2 group group NOUN 3 nsubj
3 has have VERB 0 root
4 no no DET 5 det
5 intention intention NOUN 3 obj
6 to to PART 7 mark
7 attack attack VERB 5 acl
8 the the DET 9 det
9 base base NOUN 7 obj
10 . . PUNCT 3 punct

# text = The militia announced its readiness to carry out operations against the United States.
1 The the DET 2 det
2 militia militia NOUN 3 nsubj
3 announced announce VERB 0 root
4 its its PRON 5 nmod:poss
5 readiness readiness NOUN 3 obj
6 to to PART 7 mark
7 carry carry VERB 5 acl
8 out out ADP 7 compound:prt
9 operations operation NOUN 7 obj
10 against against ADP 13 case
11 the the DET 13 det
12 United United PROPN 13 compound
13 States States PROPN 9 nmod
14 . . PUNCT 3 punct

# text = The council will impose sanctions on the company.
1 The the DET 2 det
2 council council NOUN 4 nsubj
3 will will AUX 4 aux
4 impose impose VERB 0 root
5 sanctions sanction NOUN 4 obj
6 on on ADP 8 case
7 the the DET 8 det
8 company company NOUN 4 obl
9 . . PUNCT 4 punct

# text = Protesters called for media attacks against the government.
1 Protesters protester NOUN 2 nsubj
2 called call VERB 0 root
3 for for ADP 5 case
4 media media NOUN 5 compound
5 attacks attack NOUN 2 obl
6 against against ADP 8 case
7 the the DET 8 det
8 government government NOUN 5 nmod
9 . . PUNCT 2 punct
`;

const MODALITY_ENTITIES: EntitySpec[] = [
  { id: 'grp', type: 'ORGANIZATION', phrases: ['The group'] },
  { id: 'mil', type: 'ORGANIZATION', phrases: ['The militia'] },
  { id: 'usa', type: 'LOCATION', subtype: 'country', phrases: ['the United States'] },
  { id: 'cou', type: 'ORGANIZATION', phrases: ['The council'] },
  { id: 'com', type: 'ORGANIZATION', phrases: ['the company'] },
  { id: 'pro', type: 'ORGANIZATION', phrases: ['Protesters'] },
  { id: 'gov', type: 'ORGANIZATION', phrases: ['the government'] },
];

test('"could happen if …" is conditional; "no intention to attack" is negated', () => {
  const doc = build(MODALITY, MODALITY_ENTITIES);
  assert.equal(eventAt(doc, 'intervention').modality, 'conditional');
  const a = eventAt(doc, 'attack');
  assert.equal(a.type, 'ASSAULT');
  assert.equal(a.modality, 'negated');
  assert.deepEqual(a.sources, ['grp']);
});

test('an assault under "readiness to …" is a THREATEN by the ready party, not an assault', () => {
  const doc = build(MODALITY, MODALITY_ENTITIES);
  const t = eventAt(doc, 'operations');
  assert.equal(t.type, 'THREATEN');
  assert.deepEqual(t.sources, ['mil']);
  assert.deepEqual(t.targets, ['usa']);
  assert.ok(!doc.events.some((e) => e.type === 'ASSAULT' && e.trigger.text.includes('operations')));
});

test('"will impose sanctions on X" is a planned SANCTION against X, triggered by the light verb + noun', () => {
  const doc = build(MODALITY, MODALITY_ENTITIES);
  const s = eventAt(doc, 'sanctions');
  assert.equal(s.type, 'SANCTION');
  assert.equal(s.modality, 'planned');
  assert.deepEqual(s.sources, ['cou']);
  assert.deepEqual(s.targets, ['com']);
  assert.ok(!doc.events.some((e) => e.trigger.text === 'impose'), 'the light verb is not a second event');
});

test('"called for media attacks against X": a REQUEST, and the attacks are verbal (ACCUSE), requested', () => {
  const doc = build(MODALITY, MODALITY_ENTITIES);
  assert.equal(eventAt(doc, 'called').type, 'REQUEST');
  const a = eventAt(doc, 'attacks');
  assert.equal(a.type, 'ACCUSE');
  assert.equal(a.modality, 'requested');
  assert.deepEqual(a.targets, ['gov']);
});

test('events inside claims are "reported" and point to their claim; ids are v1, v2, …', () => {
  const doc = analyse(chainDoc());
  const move = eventAt(doc, 'moved');
  assert.equal(move.type, 'MOVE');
  assert.equal(move.modality, 'reported');
  assert.deepEqual(move.targets, ['e2']);
  const claim = doc.claims.find((c) => c.id === move.claim);
  assert.ok(claim && claim.start <= move.trigger.start && claim.end >= move.trigger.end);
  const msg = eventAt(doc, 'messages');
  assert.equal(msg.type, 'CONSULT');
  assert.deepEqual([msg.sources, msg.targets], [['e5'], ['e1']], '"X received messages from Y": Y → X');
  assert.equal(eventAt(doc, 'travel').modality, 'conditional');
  assert.deepEqual(doc.events.map((e) => e.id), doc.events.map((_, i) => `v${i + 1}`));
});

// Regression: a parse that hung "attended by …" on a later noun and "of the militias" under the
// time phrase lost the attendees and made the time phrase's noun the meeting's place.
const MISPARSED_MEETING = `
# text = The envoy held a meeting in recent days attended by the minister and leaders of the Kurdish militias.
1 The the DET 2 det
2 envoy envoy NOUN 3 nsubj
3 held hold VERB 0 root
4 a a DET 5 det
5 meeting meeting NOUN 3 obj
6 in in ADP 8 case
7 recent recent ADJ 8 amod
8 days day NOUN 3 obl
9 attended attend VERB 18 amod
10 by by ADP 12 case
11 the the DET 12 det
12 minister minister NOUN 9 obl:agent
13 and and CCONJ 14 cc
14 leaders leader NOUN 12 conj
15 of of ADP 18 case
16 the the DET 18 det
17 Kurdish Kurdish ADJ 18 amod
18 militias militia NOUN 8 nmod
19 . . PUNCT 3 punct
`;

test('"attended by" read off the text when the parser hung it elsewhere; a time phrase is no place', () => {
  const doc = build(MISPARSED_MEETING, [
    { id: 'env', type: 'ROLE', phrases: ['The envoy'] },
    { id: 'min', type: 'ROLE', phrases: ['the minister'] },
    { id: 'mil', type: 'ORGANIZATION', phrases: ['the Kurdish militias'] },
    { id: 'kur', type: 'LOCATION', phrases: ['Kurdish'] },
  ]);
  const e = eventAt(doc, 'meeting');
  assert.equal(e.type, 'CONSULT');
  assert.ok(e.targets.includes('min') && e.targets.includes('mil'), `targets ${e.targets}`);
  assert.ok(!e.targets.includes('kur'), 'a place nested in a group name is not an attendee');
  assert.equal(e.location, undefined);
  assert.equal(e.date?.end, '2023-10-29');
});
