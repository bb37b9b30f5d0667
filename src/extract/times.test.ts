/**
 * Specs for the `times` stage: relative ranges end at publication, weekdays lie in the past,
 * partial dates become ranges, and nothing relative is resolved without an anchor.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc } from '../nlp/doc.ts';
import { resolveTimes, timeTagger } from './times.ts';

const PUB = '2023-10-29'; // a Sunday

function find(text: string, phrase: string, anchor: string | undefined = PUB) {
  return resolveTimes(text, anchor).find((t) => t.text.toLowerCase().includes(phrase.toLowerCase()));
}

test('"in recent days" is a week-long range ending at publication', () => {
  const t = find('They held a meeting in recent days attended by leaders.', 'recent days');
  assert.deepEqual(t?.value, { start: '2023-10-22', end: '2023-10-29' });
  assert.equal(t?.text, 'in recent days');
});

test('"in the past few weeks" and "over the past 3 days" scale with the number', () => {
  assert.deepEqual(find('Raids continued in the past few weeks.', 'past few weeks')?.value, { start: '2023-10-08', end: '2023-10-29' });
  assert.deepEqual(find('Over the past 3 days, shelling hit the town.', 'past 3 days')?.value, { start: '2023-10-26', end: '2023-10-29' });
});

test('"earlier this month", "this week", "last week" and "since October" are calendar ranges', () => {
  assert.deepEqual(find('Talks began earlier this month.', 'earlier this month')?.value, { start: '2023-10-01', end: '2023-10-29' });
  assert.deepEqual(find('Protests grew this week.', 'this week')?.value, { start: '2023-10-23', end: '2023-10-29' });
  assert.deepEqual(find('Troops arrived last week.', 'last week')?.value, { start: '2023-10-16', end: '2023-10-22' });
  assert.deepEqual(find('Fighting has continued since October.', 'since October')?.value, { start: '2023-10-01', end: '2023-10-29' });
  assert.deepEqual(find('Fighting has continued since November.', 'since November')?.value, { start: '2022-11-01', end: '2023-10-29' });
});

test('a bare or "last" weekday is the most recent past such day', () => {
  assert.deepEqual(find('The minister said on Tuesday that talks failed.', 'Tuesday')?.value, { start: '2023-10-24', end: '2023-10-24' });
  assert.deepEqual(find('Rockets were fired last Thursday.', 'Thursday')?.value, { start: '2023-10-26', end: '2023-10-26' });
});

test('the trigger text drops the preposition chrono includes', () => {
  assert.equal(find('He spoke on Tuesday.', 'Tuesday')?.text, 'Tuesday');
});

test('yearless dates far after publication move to the previous year; months become ranges', () => {
  assert.deepEqual(find('The deal was signed on 12 March.', 'March')?.value, { start: '2023-03-12', end: '2023-03-12' });
  assert.deepEqual(find('Elections were held in October 2021.', 'October')?.value, { start: '2021-10-01', end: '2021-10-31' });
  assert.deepEqual(find('"Yesterday", officials said, the border closed.', 'Yesterday')?.value, { start: '2023-10-28', end: '2023-10-28' });
});

test('without an anchor, relative expressions are skipped and absolute dates kept', () => {
  const times = resolveTimes('In recent days and on Tuesday, and on 5 May 2021, clashes occurred.', undefined);
  assert.deepEqual(times.map((t) => t.value), [{ start: '2021-05-05', end: '2021-05-05' }]);
});

test('the stage reads publishedAt from the document and offsets point at the expression', () => {
  const text = 'Officials met in recent days in Baghdad.';
  const doc = new Doc(text, { id: 'd', language: 'en', publishedAt: '2023-10-29T08:00:00Z' });
  timeTagger().run(doc, { warn: () => {} });
  assert.equal(doc.times.length, 1);
  assert.equal(doc.slice(doc.times[0]!), 'in recent days');
});
