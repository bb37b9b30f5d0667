import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lemmatizer, trainLemmatizer } from './lemmatizer.ts';

const examples = [
  ...['factions', 'groups', 'leaders', 'sources', 'messages'].map((f) => ({ form: f, xpos: 'NNS', upos: 'NOUN', lemma: f.slice(0, -1) })),
  ...['parties', 'countries', 'militias'].map((f) => ({ form: f, xpos: 'NNS', upos: 'NOUN', lemma: f.endsWith('ies') ? f.slice(0, -3) + 'y' : f.slice(0, -1) })),
  ...['cities', 'armies', 'allies'].map((f) => ({ form: f, xpos: 'NNS', upos: 'NOUN', lemma: f.slice(0, -3) + 'y' })),
  ...['moved', 'traveled', 'received', 'reported'].map((f) => ({ form: f, xpos: 'VBD', upos: 'VERB', lemma: f.endsWith('ved') || f.endsWith('ived') ? f.slice(0, -1) : f.slice(0, -2) })),
  { form: 'went', xpos: 'VBD', upos: 'VERB', lemma: 'go' },
];

test('suffix rules generalise to unseen words; irregular forms come from the table', () => {
  const lem = new Lemmatizer(trainLemmatizer(examples));
  assert.equal(lem.lemma('bodies', 'NOUN', 'NNS'), 'body');
  assert.equal(lem.lemma('brigades', 'NOUN', 'NNS'), 'brigade');
  assert.equal(lem.lemma('went', 'VERB', 'VBD'), 'go');
  assert.equal(lem.lemma('Hezbollah', 'PROPN', 'NNP'), 'Hezbollah', 'proper nouns keep their form');
});
