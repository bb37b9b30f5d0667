/**
 * Specs for the `claims` stage on hand-parsed reports: attribution chains through "citing",
 * continuation by "the same sources" and pronouns, direct quotes, inheritance inside a
 * paragraph, hedges and the certainty ordering they imply.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Claim, Doc } from '../nlp/doc.ts';
import { claimDetector } from './claims.ts';
import { chainDoc } from './fixtures/chain.ts';
import { docFromCompact, withEntities } from './testkit.ts';

const ctx = { warn: () => {} };

function run(doc: Doc): Doc {
  claimDetector().run(doc, ctx);
  return doc;
}

function claimAt(doc: Doc, phrase: string): Claim {
  const at = doc.text.indexOf(phrase);
  assert.ok(at >= 0, `phrase "${phrase}" in text`);
  const c = doc.claims.filter((x) => x.start <= at && x.end >= at + phrase.length).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
  assert.ok(c, `a claim covers "${phrase}"`);
  return c;
}

test('"as reported by X, citing Y": content ← Y ← X, anonymous, cue covers "as reported by"', () => {
  const doc = run(chainDoc());
  const c = claimAt(doc, 'moved to Syria');
  assert.deepEqual(c.attributedTo, ['e4']);
  assert.deepEqual(c.via, ['e3']);
  assert.equal(c.anonymous, true);
  assert.equal(c.cue?.text, 'as reported by');
  assert.ok(!doc.slice(c).includes('citing'), 'content excludes the attribution clause');
});

test('"According to the same sources" continues the earlier chain, so via carries over', () => {
  const doc = run(chainDoc());
  const c = claimAt(doc, 'received messages');
  assert.deepEqual(c.attributedTo, ['e4']);
  assert.deepEqual(c.via, ['e3']);
  assert.equal(c.cue?.text, 'According to');
});

test('a pronoun speaker ("They stressed") takes the last source; a quotation is flagged', () => {
  const doc = run(chainDoc());
  const c = claimAt(doc, 'waiting for orders');
  assert.deepEqual(c.attributedTo, ['e4']);
  assert.deepEqual(c.via, ['e3']);
  assert.equal(c.quote, true);
});

test('"X reported, citing informed sources, that …": a second, different chain', () => {
  const doc = run(chainDoc());
  const c = claimAt(doc, 'the commander met the envoy');
  assert.deepEqual(c.attributedTo, ['e10']);
  assert.deepEqual(c.via, ['e6']);
  assert.equal(doc.slice(c).startsWith('the commander') || doc.slice(c).startsWith('that'), true);
});

test('"According to the sources" after the second chain refers to the second outlet\'s sources', () => {
  const doc = run(chainDoc());
  const c = claimAt(doc, 'could travel to Beirut');
  assert.deepEqual(c.attributedTo, ['e10']);
  assert.deepEqual(c.via, ['e6']);
  assert.ok(c.hedges.includes('could'));
});

test('hedged anonymous claims are less certain than unhedged ones from the same chain', () => {
  const doc = run(chainDoc());
  assert.ok(claimAt(doc, 'could travel').certainty < claimAt(doc, 'the commander met').certainty);
  for (const c of doc.claims) assert.ok(c.certainty > 0 && c.certainty <= 1);
});

test('an unresolved speaker noun phrase becomes a SOURCE entity the claim points to', () => {
  const doc = run(chainDoc());
  const c = claimAt(doc, 'allied with Tehran');
  assert.equal(c.attributedTo.length, 1);
  const e = doc.entities.find((x) => x.id === c.attributedTo[0]);
  assert.equal(e?.type, 'SOURCE');
  assert.equal(e?.name, 'Local politicians');
  assert.deepEqual(c.via, []);
});

test('claim ids are c1, c2, … in text order', () => {
  const doc = run(chainDoc());
  assert.deepEqual(doc.claims.map((c) => c.id), doc.claims.map((_, i) => `c${i + 1}`));
  const starts = doc.claims.map((c) => c.start);
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
});

const INHERIT = `
# text = Fighters crossed the border.
1 Fighters fighter NOUN 2 nsubj
2 crossed cross VERB 0 root
3 the the DET 4 det
4 border border NOUN 2 obj
5 . . PUNCT 2 punct

# text = The convoy does not appear to be armed, officials told the agency.
1 The the DET 2 det
2 convoy convoy NOUN 5 nsubj
3 does do AUX 5 aux
4 not not PART 5 advmod
5 appear appear VERB 0 root
6 to to PART 8 mark
7 be be AUX 8 aux:pass
8 armed arm VERB 5 xcomp
9 , , PUNCT 11 punct
10 officials official NOUN 11 nsubj
11 told tell VERB 5 parataxis
12 the the DET 13 det
13 agency agency NOUN 11 obj
14 . . PUNCT 5 punct

# newpar
# text = Prices rose.
1 Prices price NOUN 2 nsubj
2 rose rise VERB 0 root
3 . . PUNCT 2 punct
`;

test('cue-less sentences in a reported paragraph inherit its chain; other paragraphs do not', () => {
  const doc = withEntities(docFromCompact(INHERIT), [
    { id: 'a', type: 'ORGANIZATION', name: 'the agency', subtype: 'media_outlet', phrases: ['the agency'] },
  ]);
  run(doc);
  const first = claimAt(doc, 'Fighters crossed');
  const second = claimAt(doc, 'The convoy');
  assert.equal(first.cue, undefined);
  assert.deepEqual(first.attributedTo, second.attributedTo);
  assert.deepEqual(second.via, ['a']);
  assert.ok(second.hedges.includes('does not appear'));
  assert.ok(!doc.claims.some((c) => doc.slice(c).includes('Prices')));
});

// Regression: the parser hung "as reported by" as a relative clause (acl) of the nearest noun, so
// the claim covered only that noun phrase and missed the clause it attributes.
const AS_ACL = `
# text = Militias shelled the airport near Hama, as reported by the agency.
1 Militias militia NOUN 2 nsubj
2 shelled shell VERB 0 root
3 the the DET 4 det
4 airport airport NOUN 2 obj
5 near near ADP 6 case
6 Hama Hama PROPN 4 nmod
7 , , PUNCT 9 punct
8 as as SCONJ 9 mark
9 reported report VERB 6 acl
10 by by ADP 12 case
11 the the DET 12 det
12 agency agency NOUN 9 obl:agent
13 . . PUNCT 2 punct
`;

test('"…, as reported by X" attributes the whole main clause even when parsed as a relative clause', () => {
  const doc = withEntities(docFromCompact(AS_ACL), [
    { id: 'a', type: 'ORGANIZATION', name: 'the agency', subtype: 'media_outlet', phrases: ['the agency'] },
  ]);
  run(doc);
  const c = claimAt(doc, 'Militias shelled the airport');
  assert.ok(!doc.slice(c).includes('reported'), 'content excludes the attribution clause');
});
