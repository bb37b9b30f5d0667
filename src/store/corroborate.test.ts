/**
 * The corroboration rule: same type, a shared participant, compatible place and date, different
 * documents, and only events that happened.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clusterEvents, compatibleDate, compatiblePlace, sameEvent, type ClusterCandidate } from './corroborate.ts';

const baghdad = { id: 'baghdad', lat: 33.34, lon: 44.4, country: 'IQ', subtype: 'city' };
const kadhimiya = { id: 'kadhimiya', lat: 33.38, lon: 44.34, country: 'IQ', subtype: 'city' };
const beirut = { id: 'beirut', lat: 33.89, lon: 35.5, country: 'LB', subtype: 'city' };
const iraq = { id: 'iraq', lat: 33, lon: 44, country: 'IQ', subtype: 'country' };

function ev(id: string, documentId: string, more: Partial<ClusterCandidate> = {}): ClusterCandidate {
  return { id, documentId, type: 'CONSULT', happened: true, participants: ['maliki', 'fallahzadeh'], location: baghdad, date: { start: '2023-10-24', end: '2023-10-24' }, ...more };
}

describe('compatible places', () => {
  it('accepts a missing place, the same place, and places within 50 km', () => {
    assert.ok(compatiblePlace(undefined, baghdad));
    assert.ok(compatiblePlace(baghdad, baghdad));
    assert.ok(compatiblePlace(baghdad, kadhimiya));
  });
  it('accepts a country and a place inside it, refuses distant or foreign places', () => {
    assert.ok(compatiblePlace(iraq, baghdad));
    assert.ok(!compatiblePlace(iraq, beirut));
    assert.ok(!compatiblePlace(baghdad, beirut));
    assert.ok(!compatiblePlace({ id: 'x' }, { id: 'y' }), 'two different places with no coordinates');
  });
});

describe('compatible dates', () => {
  it('accepts missing dates and overlapping ranges', () => {
    assert.ok(compatibleDate(undefined, { start: '2023-10-01', end: '2023-10-01' }));
    assert.ok(compatibleDate({ start: '2023-10-21', end: '2023-10-28' }, { start: '2023-10-24', end: '2023-10-24' }));
    assert.ok(compatibleDate({ start: '2023-10-24T10:00:00Z', end: '2023-10-24T11:00:00Z' }, { start: '2023-10-24', end: '2023-10-24' }));
  });
  it('refuses ranges that do not meet', () => {
    assert.ok(!compatibleDate({ start: '2023-10-01', end: '2023-10-05' }, { start: '2023-10-06', end: '2023-10-06' }));
  });
});

describe('same event', () => {
  it('matches two reports from two documents', () => {
    assert.ok(sameEvent(ev('a', 'd1'), ev('b', 'd2', { participants: ['maliki', 'ambassador'], date: { start: '2023-10-21', end: '2023-10-28' } })));
  });
  it('refuses another type, no shared participant, the same document, or an event that did not happen', () => {
    assert.ok(!sameEvent(ev('a', 'd1'), ev('b', 'd2', { type: 'MOVE' })));
    assert.ok(!sameEvent(ev('a', 'd1'), ev('b', 'd2', { participants: ['sistani'] })));
    assert.ok(!sameEvent(ev('a', 'd1'), ev('b', 'd1')));
    assert.ok(!sameEvent(ev('a', 'd1'), ev('b', 'd2', { happened: false })));
    assert.ok(!sameEvent(ev('a', 'd1'), ev('b', 'd2', { location: beirut })));
  });
});

describe('clustering', () => {
  it('gives three reports of one meeting one cluster named by the smallest id', () => {
    const c = clusterEvents([ev('d3:e1', 'd3'), ev('d1:e4', 'd1'), ev('d2:e2', 'd2'), ev('d4:e1', 'd4', { type: 'MOVE' })]);
    assert.equal(c.get('d3:e1'), 'd1:e4');
    assert.equal(c.get('d2:e2'), 'd1:e4');
    assert.equal(c.get('d4:e1'), 'd4:e1');
  });
  it('never puts two events of one document in the same cluster', () => {
    const c = clusterEvents([ev('d1:a', 'd1'), ev('d1:b', 'd1'), ev('d2:a', 'd2')]);
    assert.equal(c.get('d2:a'), 'd1:a');
    assert.equal(c.get('d1:b'), 'd1:b');
  });
  it('leaves conditional and negated events alone', () => {
    const c = clusterEvents([ev('d1:a', 'd1'), ev('d2:a', 'd2', { happened: false })]);
    assert.equal(c.get('d2:a'), 'd2:a');
  });
});
