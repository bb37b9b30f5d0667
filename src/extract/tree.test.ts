/**
 * Specs for the dependency-tree helpers shared by the extraction stages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocView } from './tree.ts';
import { docFromCompact, withEntities } from './testkit.ts';

// Regression: "leaders of Iran-aligned factions" with "factions" hung on the verb instead of on
// "leaders" made the leaders nobody; the group after "of" is who they stand for.
const MISATTACHED_OF = `
# text = The envoy met leaders of Iran-aligned factions yesterday.
1 The the DET 2 det
2 envoy envoy NOUN 3 nsubj
3 met meet VERB 0 root
4 leaders leader NOUN 3 obj
5 of of ADP 9 case
6 Iran Iran PROPN 9 compound
7 - - PUNCT 6 punct
8 aligned aligned ADJ 9 amod
9 factions faction NOUN 3 obl
10 yesterday yesterday NOUN 3 obl:tmod
11 . . PUNCT 3 punct
`;

test('entitiesOfArg: a generic head followed by "of X" stands for X even when the parser hung X elsewhere', () => {
  const doc = withEntities(docFromCompact(MISATTACHED_OF), [
    { id: 'g', type: 'ORGANIZATION', name: 'Iran-aligned factions', phrases: ['Iran-aligned factions'] },
    { id: 'ir', type: 'LOCATION', name: 'Iran', phrases: ['Iran'] },
  ]);
  const v = new DocView(doc);
  assert.deepEqual(v.entitiesOfArg(3), ['g']);
});

// Regression: the cluster-feature parser read "leaders of Iran-aligned factions" as "leaders of
// Iran" with "aligned factions" hung on another word; the mention that starts at "Iran" and runs
// past that broken phrase is what the leaders stand for, not the country at its start.
const BROKEN_OF = `
# text = The envoy met leaders of Iran-aligned factions yesterday.
1 The the DET 2 det
2 envoy envoy NOUN 3 nsubj
3 met meet VERB 0 root
4 leaders leader NOUN 3 obj
5 of of ADP 6 case
6 Iran Iran PROPN 4 nmod
7 - - PUNCT 6 punct
8 aligned aligned ADJ 9 amod
9 factions faction NOUN 3 obl
10 yesterday yesterday NOUN 3 obl:tmod
11 . . PUNCT 3 punct
`;

test('entitiesOfArg: "of X" where X only starts a longer mention the parser broke up stands for the mention', () => {
  const doc = withEntities(docFromCompact(BROKEN_OF), [
    { id: 'g', type: 'ORGANIZATION', name: 'Iran-aligned factions', phrases: ['Iran-aligned factions'] },
    { id: 'ir', type: 'LOCATION', name: 'Iran', phrases: ['Iran'] },
  ]);
  // the place nested in the faction's name has a mention of its own, as the pipeline gives it
  const at = doc.text.indexOf('Iran');
  doc.entities.find((e) => e.id === 'ir')!.mentions.push({ start: at, end: at + 4, text: 'Iran' });
  const v = new DocView(doc);
  assert.deepEqual(v.entitiesOfArg(3), ['g']);
});

test('entitiesOfArg: a place inside a longer name that does not start with it is still the place ("officials in Baghdad")', () => {
  const doc = withEntities(docFromCompact(`
# text = The officials in Baghdad met.
1 The the DET 2 det
2 officials official NOUN 5 nsubj
3 in in ADP 4 case
4 Baghdad Baghdad PROPN 2 nmod
5 met meet VERB 0 root
6 . . PUNCT 5 punct
`), [
    { id: 'amb', type: 'PERSON', name: 'officials in Baghdad', phrases: ['officials in Baghdad'] },
    { id: 'bg', type: 'LOCATION', name: 'Baghdad', phrases: ['Baghdad'] },
  ]);
  const v = new DocView(doc);
  assert.equal(v.mentionBrokenAt(3), undefined);
});

// Regression: the cluster-feature tagger and parser read "the Deputy Commander of the Quds Force,
// Reza Fallahzadeh, and the Ambassador met" with the name as a conjunct of "Force" and "Commander"
// in apposition to "Deputy": the commander was nobody. The name after the title's comma is the referent.
const TITLE_NAME = `
# text = The Deputy Commander of the Quds Force, Reza Fallahzadeh, and the Ambassador met.
1 The the DET 2 det
2 Deputy deputy NOUN 14 nsubj
3 Commander Commander PROPN 2 appos
4 of of ADP 7 case
5 the the DET 7 det
6 Quds Quds PROPN 7 compound
7 Force Force PROPN 3 nmod
8 , , PUNCT 9 punct
9 Reza Reza PROPN 7 conj
10 Fallahzadeh Fallahzadeh PROPN 9 flat
11 , , PUNCT 13 punct
12 and and CCONJ 13 cc
13 Ambassador Ambassador PROPN 2 conj
14 met meet VERB 0 root
15 . . PUNCT 14 punct
`;

test('entitiesOfArg: a title followed by ", Name," stands for the person, even when the parser hung the name elsewhere', () => {
  const doc = withEntities(docFromCompact(TITLE_NAME), [
    { id: 'qf', type: 'ORGANIZATION', name: 'Quds Force', phrases: ['Quds Force'] },
    { id: 'rf', type: 'PERSON', name: 'Reza Fallahzadeh', phrases: ['Reza Fallahzadeh'] },
    { id: 'amb', type: 'PERSON', name: 'the Ambassador', phrases: ['Ambassador'] },
  ]);
  const v = new DocView(doc);
  assert.deepEqual(v.entitiesOfArg(1), ['rf', 'amb']);
  assert.equal(v.personAfterPhrase(12), undefined, 'no name after the last conjunct');
});
