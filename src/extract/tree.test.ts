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
