/**
 * Specs for the `relations` stage on hand-parsed sentences (our own wording): titles in
 * appositions, "including" lists, "allied with" and "X-aligned", representatives and their
 * posts, orders awaited, and state organs from knowledge-base codes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Doc } from '../nlp/doc.ts';
import { claimDetector } from './claims.ts';
import { eventExtractor } from './events.ts';
import { relationExtractor } from './relations.ts';
import { timeTagger } from './times.ts';
import { docFromCompact, withEntities } from './testkit.ts';

const ctx = { warn: () => {} };

const TEXT = `
# text = The chief of the Brigade, Ali Karimi, met militias allied with Syria, including Liwa Zaid.
1 The the DET 2 det
2 chief chief NOUN 9 nsubj
3 of of ADP 5 case
4 the the DET 5 det
5 Brigade Brigade PROPN 2 nmod
6 , , PUNCT 7 punct
7 Ali Ali PROPN 2 appos
8 Karimi Karimi PROPN 7 flat
9 met meet VERB 0 root
10 militias militia NOUN 9 obj
11 allied allied VERB 10 acl
12 with with ADP 13 case
13 Syria Syria PROPN 11 obl
14 , , PUNCT 17 punct
15 including including ADP 17 case
16 Liwa Liwa PROPN 17 compound
17 Zaid Zaid PROPN 10 nmod
18 . . PUNCT 9 punct

# text = The Turkish envoy in Erbil said Syria-aligned militias are waiting for Turkish orders.
1 The the DET 3 det
2 Turkish Turkish ADJ 3 amod
3 envoy envoy NOUN 6 nsubj
4 in in ADP 5 case
5 Erbil Erbil PROPN 3 nmod
6 said say VERB 0 root
7 Syria-aligned Syria-aligned ADJ 8 amod
8 militias militia NOUN 10 nsubj
9 are be AUX 10 aux
10 waiting wait VERB 6 ccomp
11 for for ADP 13 case
12 Turkish Turkish ADJ 13 amod
13 orders order NOUN 10 obl
14 . . PUNCT 6 punct
`;

function analyse(): Doc {
  const doc = withEntities(docFromCompact(TEXT), [
    { id: 'karimi', type: 'PERSON', phrases: ['Ali Karimi'] },
    { id: 'brig', type: 'ORGANIZATION', subtype: 'military', phrases: ['the Brigade'] },
    { id: 'mil', type: 'ORGANIZATION', phrases: ['militias allied with Syria', 'Syria-aligned militias'] },
    { id: 'syr', type: 'LOCATION', subtype: 'country', phrases: ['Syria'] },
    { id: 'zaid', type: 'ORGANIZATION', phrases: ['Liwa Zaid'] },
    { id: 'envoy', type: 'ROLE', phrases: ['The Turkish envoy in Erbil'] },
    { id: 'erbil', type: 'LOCATION', subtype: 'city', phrases: ['Erbil'] },
    { id: 'tur', type: 'LOCATION', subtype: 'country', phrases: ['Turkish'] },
  ]);
  doc.entities.find((e) => e.id === 'brig')!.kb = { id: 'brig', code: 'TURMIL' };
  doc.entities.find((e) => e.id === 'tur')!.kb = { id: 'country_tur', code: 'TUR' };
  for (const s of [timeTagger(), claimDetector(), eventExtractor(), relationExtractor()]) s.run(doc, ctx);
  return doc;
}

function has(doc: Doc, from: string, type: string, to: string): boolean {
  return doc.relations.some((r) => r.from === from && r.type === type && r.to === to);
}

test('"The chief of Y, X": X leads Y; the evidence covers title and organisation', () => {
  const doc = analyse();
  const r = doc.relations.find((x) => x.type === 'leads' && x.from === 'karimi' && x.to === 'brig');
  assert.ok(r, JSON.stringify(doc.relations));
  assert.match(doc.slice(r.evidence), /chief of the Brigade/);
});

test('"militias allied with Syria, including Liwa Zaid": allied_with and member_of', () => {
  const doc = analyse();
  assert.ok(has(doc, 'mil', 'allied_with', 'syr'));
  assert.ok(has(doc, 'zaid', 'member_of', 'mil'));
});

test('"Syria-aligned militias" is aligned_with Syria, read off the hyphenated form', () => {
  assert.ok(has(analyse(), 'mil', 'aligned_with', 'syr'));
});

test('"the Turkish envoy in Erbil" represents Turkey and is located in Erbil', () => {
  const doc = analyse();
  assert.ok(has(doc, 'envoy', 'represents', 'tur'), JSON.stringify(doc.relations));
  assert.ok(has(doc, 'envoy', 'located_in', 'erbil'));
});

test('"militias are waiting for Turkish orders": awaits_orders_from, carried by the envoy\'s claim', () => {
  const doc = analyse();
  const r = doc.relations.find((x) => x.type === 'awaits_orders_from' && x.from === 'mil' && x.to === 'tur');
  assert.ok(r, JSON.stringify(doc.relations));
  const claim = doc.claims.find((c) => c.id === r.claim);
  assert.deepEqual(claim?.attributedTo, ['envoy']);
});

test('a military organisation coded TURMIL in the knowledge base is part_of Turkey', () => {
  assert.ok(has(analyse(), 'brig', 'part_of', 'tur'));
});

test('relation ids are r1, r2, … and no relation links an entity to itself', () => {
  const doc = analyse();
  assert.deepEqual(doc.relations.map((r) => r.id), doc.relations.map((_, i) => `r${i + 1}`));
  assert.ok(doc.relations.every((r) => r.from !== r.to));
});

// Regression: with a parse that hung the name under "Force" instead of as an apposition of
// "Commander", the title relation was lost; the role the resolver attached still gives it.
test('a role attached by entity resolution yields commands/leads/represents whatever the parse', () => {
  const doc = docFromCompact(`
# text = The deputy commander of the brigade, Ali Hassan, arrived.
1 The the DET 3 det
2 deputy deputy ADJ 3 amod
3 commander commander NOUN 11 nsubj
4 of of ADP 6 case
5 the the DET 6 det
6 brigade brigade NOUN 3 nmod
7 , , PUNCT 8 punct
8 Ali Ali PROPN 6 nmod
9 Hassan Hassan PROPN 8 flat
10 , , PUNCT 8 punct
11 arrived arrive VERB 0 root
12 . . PUNCT 11 punct
`);
  withEntities(doc, [
    { id: 'p', type: 'PERSON', name: 'Ali Hassan', phrases: ['Ali Hassan'] },
    { id: 'b', type: 'ORGANIZATION', name: 'the brigade', phrases: ['the brigade'] },
  ]);
  doc.entities[0]!.role = { title: 'deputy commander', of: 'b' };
  relationExtractor().run(doc, { warn: () => {} });
  const r = doc.relations.find((x) => x.type === 'commands' && x.from === 'p' && x.to === 'b');
  assert.ok(r, JSON.stringify(doc.relations));
  assert.match(doc.slice(r.evidence), /deputy commander.*Ali Hassan/);
});
