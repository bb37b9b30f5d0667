/** Specs for publication-date normalisation. */

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateFromUrl, normaliseDate } from './dates.ts';

describe('normaliseDate', () => {
  it('keeps ISO dates and date-times, with their UTC offset', () => {
    assert.equal(normaliseDate('2023-10-29'), '2023-10-29');
    assert.equal(normaliseDate('2023-10-29T08:15:00+03:00'), '2023-10-29T08:15:00+03:00');
    assert.equal(normaliseDate('2023-10-29T08:15:00.250Z'), '2023-10-29T08:15:00.250Z');
    assert.equal(normaliseDate('2023-10-29 08:15'), '2023-10-29T08:15:00');
    assert.equal(normaliseDate('2023-10-29T08:15:00+0300'), '2023-10-29T08:15:00+03:00');
  });

  it('reads RFC 822 dates as feeds write them', () => {
    assert.equal(normaliseDate('Sun, 29 Oct 2023 08:15:00 +0300'), '2023-10-29T08:15:00+03:00');
    assert.equal(normaliseDate('29 Oct 2023 08:15 GMT'), '2023-10-29T08:15:00Z');
    assert.equal(normaliseDate('Mon, 30 Oct 2023 17:00:00 EST'), '2023-10-30T17:00:00-05:00');
  });

  it('reads other written dates as UTC', () => {
    assert.equal(normaliseDate('October 29, 2023 10:00 UTC'), '2023-10-29T10:00:00.000Z');
  });

  it('rejects what is not a date', () => {
    for (const s of ['', 'yesterday', '2023-02-30', '2023-13-01', 'Sun, 31 Feb 2023 10:00:00 GMT', '42']) {
      assert.equal(normaliseDate(s), undefined, s);
    }
  });
});

describe('dateFromUrl', () => {
  it('reads the dates news sites put in article paths', () => {
    assert.equal(dateFromUrl('https://news.example/world/2023/10/29/talks-resume'), '2023-10-29');
    assert.equal(dateFromUrl('https://news.example/2023-10-29/talks'), '2023-10-29');
    assert.equal(dateFromUrl('https://news.example/story/20231029-talks.html'), '2023-10-29');
  });

  it('ignores paths without a valid date', () => {
    assert.equal(dateFromUrl('https://news.example/world/talks-resume'), undefined);
    assert.equal(dateFromUrl('https://news.example/2023/13/45/x'), undefined);
    assert.equal(dateFromUrl('https://news.example/id/1234567890'), undefined);
    assert.equal(dateFromUrl('not a url'), undefined);
  });
});
