/**
 * Regression specs for the learned sentence splitter (src/nlp/sentence-model.ts with the shipped
 * models/sentences.bin): one small text per class of error fixed, with the expected sentences.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from './tokenizer.ts';
import { blankLineBetween, gapFeatures, isBareAmPm, isCandidate, MAX_FEATURES } from './sentence-model.ts';

const sentences = (text: string) => tokenize(text).sentences.map((s) => text.slice(s.start, s.end));

test('a bracketed citation after the period stays with its sentence', () => {
  assert.deepEqual(sentences('Fillmore joined the faculty in 1971. [1] He retired in 1994 and kept teaching. [2] He died in 2014.'), [
    'Fillmore joined the faculty in 1971. [1]',
    'He retired in 1994 and kept teaching. [2]',
    'He died in 2014.',
  ]);
  assert.deepEqual(sentences('The treaty was signed in 1648.[3] It ended the war.'), ['The treaty was signed in 1648.[3]', 'It ended the war.']);
});

test('an ellipsis ends a sentence before a new one but not before a lower-case continuation', () => {
  assert.deepEqual(sentences('We waited for an hour... Nobody came to help us. We left.'), ['We waited for an hour...', 'Nobody came to help us.', 'We left.']);
  assert.deepEqual(sentences('The service was slow... but the food was great.'), ['The service was slow... but the food was great.']);
});

test('a greeting ending in a spaced dash is its own sentence; news datelines stay whole', () => {
  assert.deepEqual(sentences('Good Morning Karen - I have attached a revised copy of the agreement. Please call me with any questions.'), [
    'Good Morning Karen -',
    'I have attached a revised copy of the agreement.',
    'Please call me with any questions.',
  ]);
  for (const dateline of ['WASHINGTON - The Senate voted on Tuesday to extend the program for two years.', 'BAGHDAD (Reuters) - Iraqi forces said on Monday that two rockets hit the Green Zone.']) {
    assert.deepEqual(sentences(dateline), [dateline]);
  }
});

test('quotes glued to a word are candidate gaps on the outer side only', () => {
  const text = 'the big "G" Following that, (Post) "We agree"';
  const { tokens } = tokenize(text, { sentenceModel: null });
  const at = (w: string, nth = 0) => tokens.map((t, i) => [t.text, i] as const).filter(([t]) => t === w)[nth]![1];
  assert.ok(isCandidate(text, tokens, at('"', 1)), 'after a closing quote');
  assert.ok(!isCandidate(text, tokens, at('"', 0)), 'not after an opening quote');
  assert.ok(isCandidate(text, tokens, at(')')), 'before an opening quote');
  assert.ok(!isCandidate(text, tokens, at('agree')), 'not before a closing quote');
});

test('the model may overrule a punctuation break, but not before a capitalised sentence starter', () => {
  assert.deepEqual(sentences('The grant came from the U.S. Department of Energy last year.'), ['The grant came from the U.S. Department of Energy last year.']);
  assert.deepEqual(sentences('We moved to the U.S. The weather was better.'), ['We moved to the U.S.', 'The weather was better.']);
});

test('"PM" before a name is a title, not the end of a time: only a clock time lets it end a sentence', () => {
  for (const text of [
    'Iraqi PM Nouri al-Maliki said on Monday that the talks would resume.',
    'In Iraqi society, PM Allawi is responsible for protecting his people.',
    'The British PM Theresa May met the Irish PM Leo Varadkar in Dublin.',
  ]) {
    assert.deepEqual(sentences(text), [text]);
  }
  assert.deepEqual(sentences('Sent at 10:30 AM Please reply soon.'), ['Sent at 10:30 AM', 'Please reply soon.']);
  assert.deepEqual(sentences('The meeting ends at 5 PM Steve will call you after.'), ['The meeting ends at 5 PM', 'Steve will call you after.']);
});

test('isBareAmPm: AM/PM after a time or number is a clock word; anywhere else it is not', () => {
  const { tokens } = tokenize('at 5 PM and 10:30 am , PM Allawi and I AM', { sentenceModel: null });
  const bare = tokens.filter((_, j) => isBareAmPm(tokens, j)).map((t) => t.text);
  assert.deepEqual(bare, ['PM', 'AM']);
  assert.ok(!isBareAmPm(tokens, tokens.findIndex((t) => t.text === 'am')));
});

test('blankLineBetween: a paragraph break is two line breaks with only blanks between them (CRLF too)', () => {
  const at = (t: string) => blankLineBetween(t, 1, t.length - 1);
  for (const yes of ['a\n\nb', 'a\n  \t\nb', 'a\r\n\r\nb', 'a \n\n b']) assert.ok(at(yes), JSON.stringify(yes));
  for (const no of ['a b', 'a\nb', 'a \n b', 'a\n.\nb']) assert.ok(!at(no), JSON.stringify(no));
  // only the gap counts, not newlines after it
  assert.ok(!blankLineBetween('a b\n\nc', 1, 2));
});

test('a gap whose next two tokens open a paragraph elsewhere in the document gets features of its own', () => {
  // "Game" + a number opens the first paragraph in one text and no paragraph in the other
  const gap = (text: string) => {
    const { tokens } = tokenize(text, { sentenceModel: null });
    const i = tokens.findIndex((t, j) => t.text === 'Sparks' && tokens[j + 1]?.text === 'Game');
    const out = new Uint32Array(MAX_FEATURES);
    // the sentence starts at "Match" in both texts
    const k = gapFeatures(text, tokens, i, i + 1 - tokens.findIndex((t) => t.text === 'Match'), out);
    return new Set(out.subarray(0, k));
  };
  const opened = gap('Game 12: Monday at home.\n\nMatch 3: Friday vs. Los Angeles Sparks Game 14: Tuesday');
  const plain = gap('Week 12: Monday at home.\n\nMatch 3: Friday vs. Los Angeles Sparks Game 14: Tuesday');
  const only = (a: Set<number>, b: Set<number>) => [...a].filter((f) => !b.has(f)).length;
  assert.equal(only(opened, plain), 2, 'two features differ');
  assert.equal(only(plain, opened), 2);
});

test('a gap before a word that follows . ! ? elsewhere in the document gets a feature of its own; its own period does not count', () => {
  const feats = (text: string, before: string, after: string) => {
    const { tokens } = tokenize(text, { sentenceModel: null });
    const i = tokens.findIndex((t, j) => t.text === before && tokens[j + 1]?.text === after);
    assert.ok(i >= 0, `${before} ${after} in ${JSON.stringify(text)}`);
    const out = new Uint32Array(MAX_FEATURES);
    return new Set(out.subarray(0, gapFeatures(text, tokens, i, i + 1, out)));
  };
  const only = (a: Set<number>, b: Set<number>) => [...a].filter((f) => !b.has(f)).length;
  // "thanks" starts a sentence after a period in the first text only (case does not matter)
  const started = feats('I sent the file. Thanks for the help\n\nplease call me thanks Ben', 'me', 'thanks');
  const plain = feats('I sent the file, thanks for the help\n\nplease call me thanks Ben', 'me', 'thanks');
  assert.equal(only(started, plain), 1, 'one feature differs');
  assert.equal(only(plain, started), 1);
  // at the punctuation break itself, the word after this very period is not "elsewhere": the
  // flag is set only when "Thanks" also follows another period
  const once = feats('We left . Thanks again', '.', 'Thanks');
  const twice = feats('We left . Thanks again . Thanks', '.', 'Thanks');
  assert.equal(only(twice, once), 1);
  assert.equal(only(once, twice), 1);
});

test('a gap\'s features include the first word of its sentence (with the length so far and the next kind)', () => {
  const feats = (text: string) => {
    const { tokens } = tokenize(text, { sentenceModel: null });
    const i = tokens.findIndex((t, j) => t.text === 'Ben' && tokens[j + 1]?.text === 'I');
    const out = new Uint32Array(MAX_FEATURES);
    return new Set(out.subarray(0, gapFeatures(text, tokens, i, i + 1, out)));
  };
  const only = (a: Set<number>, b: Set<number>) => [...a].filter((f) => !b.has(f)).length;
  // same two tokens before and after the gap, same length: only the sentence's first word differs
  const thanks = feats('Thanks a lot Ben I will call');
  const called = feats('Called a lot Ben I will call');
  assert.equal(only(thanks, called), 1, 'one feature differs');
  assert.equal(only(called, thanks), 1);
});
