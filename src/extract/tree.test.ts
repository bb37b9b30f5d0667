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
