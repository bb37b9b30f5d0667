/**
 * The seed acceptance test: every item of ../shared/seed/EXPECTED.md, checked by meaning —
 * things are located by where a phrase sits in the text, then we ask which entity, event, claim
 * or relation Dossier put there. Items that a later issue delivers carry `todo` naming it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze } from '../src/analyze.ts';
import type { NativeDocument, NativeEntity } from '../src/export/contract.ts';
import { assertContract, at, within, claimsOver, entityAt, eventsIn, HAPPENED, mustEntityAt, names, participants, sentenceOf } from './helpers.ts';

const text = readFileSync(new URL('../examples/seed.txt', import.meta.url), 'utf8');
const d: NativeDocument = analyze(text, { publishedAt: '2023-10-29' });

const entityIn = (context: string, phrase: string): NativeEntity => {
  const e = entityAt(d, within(d, context, phrase));
  assert.ok(e, `no entity has a mention at "${phrase}" in "${context}"`);
  return e;
};
const same = (a: NativeEntity | undefined, b: NativeEntity | undefined, what: string) => {
  assert.ok(a && b, `${what}: missing entity`);
  assert.equal(b.id, a.id, `${what}: "${b.name}" (${b.id}) should be the same entity as "${a.name}" (${a.id})`);
};
const paragraph = (n: number) => {
  // 1-based paragraph spans, paragraphs separated by blank lines
  let start = 0;
  const parts = text.split(/\n\s*\n/);
  for (let i = 0; i < parts.length; i++) {
    const k = text.indexOf(parts[i]!, start);
    if (i === n - 1) return { start: k, end: k + parts[i]!.length };
    start = k + parts[i]!.length;
  }
  throw new Error(`no paragraph ${n}`);
};

test('the output follows the native JSON contract', () => {
  assertContract(d);
  assert.equal(d.document.publishedAt, '2023-10-29');
  assert.ok(d.sentences.length >= 15, `expected the seed split into sentences, got ${d.sentences.length}`);
});

describe('entities (each one entity, all its mentions merged)', () => {
  test('Iraqi armed factions allied with Iran: one group entity for all its descriptions', () => {
    const g = mustEntityAt(d, 'armed Iraqi factions allied with Iran');
    assert.equal(g.type, 'ORGANIZATION');
    same(g, mustEntityAt(d, 'These armed groups'), '"These armed groups"');
    same(g, entityIn('Iraqi factions have received', 'Iraqi factions'), '"Iraqi factions" (4th paragraph)');
    same(g, mustEntityAt(d, 'the factions'), '"the factions"');
    same(g, mustEntityAt(d, 'Iraqi resistance'), '"Iraqi resistance"');
    same(g, mustEntityAt(d, 'Iran-aligned factions'), '"Iran-aligned factions"');
  });

  test('Coordinating Framework: the ruling alliance, one entity', () => {
    const cf = mustEntityAt(d, 'Coordinating Framework', 0);
    assert.equal(cf.type, 'ORGANIZATION');
    assert.match(cf.name, /Coordinat\w* Framework/i);
    same(cf, mustEntityAt(d, 'Coordinating Framework', 1), 'second mention');
    same(cf, mustEntityAt(d, 'Coordinating Framework', 2), 'third mention');
  });

  test('al-Quds Force is the IRGC Quds Force, not the whole IRGC, linked to Iran', () => {
    const qf = mustEntityAt(d, 'al-Quds Force', 0);
    assert.equal(qf.type, 'ORGANIZATION');
    assert.match(qf.name, /Quds/i);
    assert.ok(qf.kb, 'Quds Force should link to the knowledge base');
    assert.match(qf.kb.id + ' ' + (qf.kb.code ?? ''), /quds|IRN/i);
    same(qf, mustEntityAt(d, 'al-Quds Force', 1), 'second "al-Quds Force"');
  });

  test('"Hezbollah Brigades" is Kata\'ib Hezbollah', () => {
    const kh = mustEntityAt(d, 'Hezbollah Brigades');
    assert.equal(kh.type, 'ORGANIZATION');
    assert.match(kh.name + ' ' + (kh.kb?.id ?? ''), /kata.?ib.?hezbollah/i);
  });

  test('Hamas is an organization', () => {
    assert.equal(mustEntityAt(d, 'Hamas').type, 'ORGANIZATION');
  });

  test('Mohammad Reza Fallahzadeh and Nouri al-Maliki are persons', () => {
    const f = mustEntityAt(d, 'Mohammad Reza Fallahzadeh');
    assert.equal(f.type, 'PERSON');
    assert.match(f.name, /Fallahzadeh/);
    const m = mustEntityAt(d, 'Nouri al-Maliki');
    assert.equal(m.type, 'PERSON');
    assert.match(m.name, /Maliki/);
  });

  test('the Iranian Ambassador in Baghdad is a ROLE (unnamed person)', () => {
    const amb = mustEntityAt(d, 'Iranian Ambassador in Baghdad');
    assert.equal(amb.type, 'ROLE');
    assert.match(amb.name, /Ambassador/i);
  });

  test('"the Middle East newspaper" and "the newspaper" are Asharq Al-Awsat, a media outlet', () => {
    const a = mustEntityAt(d, 'the Middle East newspaper');
    assert.equal(a.type, 'ORGANIZATION');
    assert.match(a.name, /Asharq Al-Awsat/i);
    assert.match(a.subtype ?? '', /media|news/i);
    same(a, entityIn('mentioned to the newspaper', 'the newspaper'), '"the newspaper"');
  });

  test('"the American (Farda) radio" is Radio Farda, a US-funded media outlet', () => {
    const f = mustEntityAt(d, 'Farda');
    assert.equal(f.type, 'ORGANIZATION');
    assert.match(f.name, /Radio Farda/i);
    const us = d.relations.some((r) => r.from === f.id && /USA|United States|America/i.test(names(d, [r.to])));
    assert.ok(us || /^USA/.test(f.kb?.code ?? ''), 'Radio Farda should be known as American (KB code or relation)');
  });

  test('"informed Iraqi sources" is an anonymous SOURCE, continued by "the same sources" and "The sources"', () => {
    const s = mustEntityAt(d, 'informed Iraqi sources');
    assert.equal(s.type, 'SOURCE');
    same(s, mustEntityAt(d, 'the same sources'), '"the same sources" (4th paragraph)');
    same(s, entityIn('The sources also', 'The sources'), '"The sources" (5th paragraph)');
  });

  test("Farda's \"informed sources\" is a different anonymous SOURCE, continued by \"the sources\"", () => {
    const iraqi = mustEntityAt(d, 'informed Iraqi sources');
    const farda = entityIn('citing informed sources', 'informed sources');
    assert.equal(farda.type, 'SOURCE');
    assert.notEqual(farda.id, iraqi.id, "Farda's sources must not merge with the newspaper's");
    same(farda, entityIn('According to the sources', 'the sources'), '"the sources" (8th paragraph)');
  });

  test('Iran: "Iran", "Iranians" and "Iranian" (as actor) are one entity', () => {
    const iran = mustEntityAt(d, 'Iran', 0);
    assert.equal(iran.type, 'LOCATION');
    same(iran, mustEntityAt(d, 'Iranians'), '"Iranians"');
    same(iran, entityIn('clear Iranian orders', 'Iranian'), '"Iranian" in "clear Iranian orders"');
    same(iran, entityIn('Iranian officials', 'Iranian'), '"Iranian" in "Iranian officials"');
  });

  test('Israel: "Israel", "Israeli", "Israelis" are one entity; United States: "American", "Americans"', () => {
    const il = mustEntityAt(d, 'Israel', 0);
    assert.equal(il.type, 'LOCATION');
    same(il, entityIn('Israeli interests', 'Israeli'), '"Israeli"');
    same(il, mustEntityAt(d, 'Israelis'), '"Israelis"');
    const us = mustEntityAt(d, 'Americans');
    assert.equal(us.type, 'LOCATION');
    assert.match(us.name, /United States|America/i);
    same(us, entityIn('American and Israeli', 'American'), '"American" in "American and Israeli interests"');
  });

  const places: Array<[string, string]> = [
    ['Gaza Strip', 'PS'],
    ['Syria', 'SY'],
    ['Lebanon', 'LB'],
    ['Damascus', 'SY'],
    ['Beirut', 'LB'],
    ['Baghdad', 'IQ'],
    ['Iraq', 'IQ'],
  ];
  for (const [place, country] of places) {
    test(`${place} is a LOCATION with coordinates in ${country}`, () => {
      const nth = place === 'Iraq' ? findStandalone('Iraq') : 0;
      const e = mustEntityAt(d, place, nth);
      assert.equal(e.type, 'LOCATION');
      assert.ok(e.geo, `${place} should have coordinates`);
      assert.equal(e.geo.country, country);
    });
  }
});

/** Occurrence index of `word` standing alone (not inside "Iraqi"). */
function findStandalone(word: string): number {
  let n = 0;
  for (const m of text.matchAll(new RegExp(word, 'g'))) {
    const next = text[m.index + word.length] ?? ' ';
    if (!/\w/.test(next)) return n;
    n++;
  }
  return 0;
}

describe('events (PLOVER type, sources → targets, place, modality)', () => {
  const factions = () => mustEntityAt(d, 'armed Iraqi factions allied with Iran');
  const iran = () => mustEntityAt(d, 'Iran', 0);
  const involves = (ids: Set<string>, e: NativeEntity) => ids.has(e.id);

  test('1. MOVE: faction leaders → Syria and Lebanon, reported', () => {
    const s = sentenceOf(d, at(d, 'have moved to locations'));
    const ev = eventsIn(d, s).find((e) => e.type === 'MOVE');
    assert.ok(ev, 'no MOVE in the first sentence');
    const p = participants(ev);
    assert.ok(involves(p, mustEntityAt(d, 'Syria')) || involves(p, mustEntityAt(d, 'Lebanon')), `MOVE goes to ${names(d, [...p])}`);
    assert.equal(ev.modality, 'reported');
  });

  test('2. CONSULT (coordination / reconnaissance): factions ↔ Syrian and Lebanese groups, reported', () => {
    const s = sentenceOf(d, at(d, 'reconnaissance and coordination'));
    const ev = eventsIn(d, s).find((e) => e.type === 'CONSULT' || e.type === 'COOPERATE');
    assert.ok(ev, 'no CONSULT for the coordination');
    assert.ok(participants(ev).has(factions().id), `participants: ${names(d, [...participants(ev)])}`);
    assert.equal(ev.modality, 'reported');
  });

  test('3. Coordinating Framework leaders received recommendations for caution, reported', () => {
    const s = sentenceOf(d, at(d, 'received regional recommendations'));
    const cf = mustEntityAt(d, 'Coordinating Framework', 0);
    const ev = eventsIn(d, s).find((e) => participants(e).has(cf.id));
    assert.ok(ev, 'no event involving the Coordinating Framework in that sentence');
    assert.equal(ev.modality, 'reported');
  });

  test('4. MOVE: field officials → Damascus and Beirut, reported', () => {
    const s = sentenceOf(d, at(d, 'begun moving toward'));
    const ev = eventsIn(d, s).find((e) => e.type === 'MOVE');
    assert.ok(ev, 'no MOVE toward Damascus and Beirut');
    const p = participants(ev);
    assert.ok(p.has(mustEntityAt(d, 'Damascus').id) || p.has(mustEntityAt(d, 'Beirut').id), `MOVE goes to ${names(d, [...p])}`);
    assert.equal(ev.modality, 'reported');
  });

  test('5. CONSULT (messages): Iranians → Iraqi factions, reported', () => {
    const s = sentenceOf(d, at(d, 'repeated messages'));
    const ev = eventsIn(d, s).find((e) => e.type === 'CONSULT');
    assert.ok(ev, 'no CONSULT for the messages');
    assert.ok(ev.sources.includes(iran().id), `sources: ${names(d, ev.sources)}`);
    assert.ok(ev.targets.includes(factions().id), `targets: ${names(d, ev.targets)}`);
    assert.equal(ev.modality, 'reported');
  });

  test('6. direct intervention "could happen soon, depending on…" is conditional, not happened', () => {
    const ev = eventsIn(d, at(d, 'direct intervention'));
    assert.ok(ev.length > 0, 'the intervention should be kept as an event');
    for (const e of ev) assert.equal(e.modality, 'conditional', `${e.type} «${e.trigger.text}» is ${e.modality}`);
  });

  test('7. "no intention to act without clear Iranian orders": not an attack, negated or conditional', () => {
    const s = sentenceOf(d, at(d, 'no intention to act'));
    for (const e of eventsIn(d, s)) {
      assert.ok(!(e.type === 'ASSAULT' && HAPPENED.has(e.modality)), 'recorded an attack as happened');
    }
    const act = eventsIn(d, at(d, 'act without'));
    assert.ok(act.length > 0, 'the intended action should be kept as an event');
    for (const e of act) assert.ok(['negated', 'conditional'].includes(e.modality), `«${e.trigger.text}» is ${e.modality}`);
    assert.ok(!d.events.some((e) => e.type === 'ASSAULT' && HAPPENED.has(e.modality)), 'the seed reports no attack that happened');
  });

  test('8. the media machinery claims readiness for offensive operations: THREATEN-like, not an assault', () => {
    const s = paragraph(6);
    const evs = eventsIn(d, s);
    assert.ok(evs.some((e) => e.type === 'THREATEN'), `types here: ${evs.map((e) => e.type).join(', ')}`);
    assert.ok(!evs.some((e) => e.type === 'ASSAULT' && HAPPENED.has(e.modality)), 'offensive operations recorded as happened');
    const claim = claimsOver(d, at(d, 'offensive operations'))[0];
    assert.ok(claim, 'no claim carries the readiness statement');
    const cf = mustEntityAt(d, 'Coordinating Framework', 1);
    const machinery = entityAt(d, at(d, 'media machinery'));
    assert.ok(claim.attributedTo.some((id) => id === cf.id || id === machinery?.id), `attributed to ${names(d, claim.attributedTo)}`);
  });

  test('9. CONSULT meeting in Baghdad "in recent days" with Fallahzadeh, the Ambassador, al-Maliki and faction leaders; reported by Radio Farda', () => {
    const ev = eventsIn(d, sentenceOf(d, at(d, 'held a meeting'))).find((e) => e.type === 'CONSULT');
    assert.ok(ev, 'no CONSULT for the meeting');
    const p = participants(ev);
    for (const who of ['Mohammad Reza Fallahzadeh', 'Iranian Ambassador in Baghdad', 'Nouri al-Maliki']) {
      assert.ok(p.has(mustEntityAt(d, who).id), `${who} missing from ${names(d, [...p])}`);
    }
    assert.ok(p.has(factions().id) || p.has(mustEntityAt(d, 'Hezbollah Brigades').id), 'faction leaders missing');
    assert.equal(ev.location, mustEntityAt(d, 'Baghdad').id, `the meeting is placed at ${names(d, ev.location ? [ev.location] : [])}`);
    assert.equal(ev.modality, 'reported');
    assert.ok(ev.date, 'the meeting should be dated');
    assert.equal(ev.date.end, '2023-10-29');
    assert.ok(ev.date.start < ev.date.end && ev.date.start >= '2023-10-01', `range ${ev.date.start}..${ev.date.end}`);
    const claim = d.claims.find((c) => c.id === ev.claim);
    assert.ok(claim, 'the meeting should point to its claim');
    assert.ok(claim.via.includes(mustEntityAt(d, 'Farda').id), `via ${names(d, claim.via)}`);
  });

  test('10. REQUEST: Iranian officials → factions (media attacks, support for Hamas, volunteers), reported', () => {
    const ev = eventsIn(d, sentenceOf(d, at(d, 'requested the intensification'))).find((e) => e.type === 'REQUEST');
    assert.ok(ev, 'no REQUEST');
    assert.ok(ev.sources.includes(iran().id), `sources: ${names(d, ev.sources)}`);
    assert.equal(ev.modality, 'reported');
  });

  test('11. REQUEST: Quds Force → militias (readiness, waiting for Iranian orders), reported', () => {
    const ev = eventsIn(d, sentenceOf(d, at(d, 'requested the readiness'))).find((e) => e.type === 'REQUEST');
    assert.ok(ev, 'no REQUEST');
    assert.ok(ev.sources.includes(mustEntityAt(d, 'al-Quds Force', 1).id), `sources: ${names(d, ev.sources)}`);
    assert.equal(ev.modality, 'reported');
  });

  test('12. SUPPORT: Coordinating Framework leaders support the Palestinian resistance, per Iraqi politicians', () => {
    const ev = eventsIn(d, sentenceOf(d, at(d, 'publicly showing their support'))).find((e) => e.type === 'SUPPORT');
    assert.ok(ev, 'no SUPPORT');
    assert.ok(ev.sources.includes(mustEntityAt(d, 'Coordinating Framework', 2).id), `sources: ${names(d, ev.sources)}`);
    const claim = d.claims.find((c) => c.id === ev.claim);
    assert.ok(claim && claim.attributedTo.includes(mustEntityAt(d, 'Iraqi politicians').id), 'claim should be attributed to Iraqi politicians');
  });

  test('13. the decision "in consultation with Iran" if the war escalates: conditional CONSULT, not happened', () => {
    const ev = eventsIn(d, at(d, 'in consultation with Iran')).find((e) => e.type === 'CONSULT');
    assert.ok(ev, 'no CONSULT for the future consultation');
    assert.equal(ev.modality, 'conditional');
  });
});

describe('claims and sourcing', () => {
  const iraqiSources = () => mustEntityAt(d, 'informed Iraqi sources');
  const asharq = () => mustEntityAt(d, 'the Middle East newspaper');

  test('paragraphs 2–5: attributed to informed Iraqi sources via Asharq Al-Awsat', () => {
    for (const phrase of ['reconnaissance and coordination', 'repeated messages', 'decision to exercise caution remains']) {
      const c = claimsOver(d, at(d, phrase)).find((x) => x.attributedTo.includes(iraqiSources().id));
      assert.ok(c, `no claim attributed to the informed Iraqi sources over "${phrase}"`);
      assert.ok(c.via.includes(asharq().id), `"${phrase}": via ${names(d, c.via)}`);
      assert.ok(c.anonymous, `"${phrase}": anonymous source not flagged`);
      assert.ok(c.cue, `"${phrase}": cue missing`);
    }
  });

  test('the cues are found: "citing", "According to the same sources", "mentioned to the newspaper"', () => {
    const cues = d.claims.map((c) => c.cue?.text ?? '').join(' | ');
    assert.match(cues, /citing|reported/i);
    assert.match(cues, /according to/i);
    assert.match(cues, /mentioned/i);
  });

  test('"Iraqi factions are waiting for orders…" is a direct quote of those sources', () => {
    const c = claimsOver(d, at(d, 'are waiting for orders')).find((x) => x.attributedTo.includes(iraqiSources().id));
    assert.ok(c, 'no claim for the quotation');
    assert.equal((c as { quote?: boolean }).quote, true);
  });

  test("paragraphs 7–8: attributed to Farda's informed sources via Radio Farda", () => {
    const farda = mustEntityAt(d, 'Farda');
    const sources = entityIn('citing informed sources', 'informed sources');
    for (const phrase of ['held a meeting', 'requested the readiness']) {
      const c = claimsOver(d, at(d, phrase)).find((x) => x.attributedTo.includes(sources.id));
      assert.ok(c, `no claim attributed to Farda's sources over "${phrase}"`);
      assert.ok(c.via.includes(farda.id), `"${phrase}": via ${names(d, c.via)}`);
      assert.ok(c.anonymous);
    }
  });

  test('paragraph 9: attributed to Iraqi politicians', () => {
    const pol = mustEntityAt(d, 'Iraqi politicians');
    assert.ok(claimsOver(d, at(d, 'keen on publicly')).some((c) => c.attributedTo.includes(pol.id)));
  });

  test('hedges: "does not appear", "It appears", "could happen soon", "depending on"', () => {
    const hedges = d.claims.flatMap((c) => c.hedges).join(' | ').toLowerCase();
    for (const h of ['does not appear', 'it appears', 'could', 'depending on']) assert.ok(hedges.includes(h), `hedge "${h}" not found in: ${hedges}`);
  });

  test('certainty of "could happen soon" is below that of the reported meeting', () => {
    const could = claimsOver(d, at(d, 'could happen soon'))[0];
    const meeting = claimsOver(d, at(d, 'held a meeting'))[0];
    assert.ok(could && meeting, 'claims missing');
    assert.ok(could.certainty < meeting.certainty, `${could.certainty} should be < ${meeting.certainty}`);
  });
});

describe('relations', () => {
  const rel = (from: NativeEntity, to: NativeEntity, type: RegExp) =>
    d.relations.some((r) => r.from === from.id && r.to === to.id && type.test(r.type));
  const all = () => d.relations.map((r) => `${names(d, [r.from])} -${r.type}-> ${names(d, [r.to])}`).join('; ');

  test('Fallahzadeh —deputy commander of→ Quds Force', () => {
    assert.ok(rel(mustEntityAt(d, 'Mohammad Reza Fallahzadeh'), mustEntityAt(d, 'al-Quds Force'), /lead|command|deputy/i), all());
  });
  test('Quds Force —part of→ Iran', () => {
    assert.ok(rel(mustEntityAt(d, 'al-Quds Force'), mustEntityAt(d, 'Iran'), /part_of|member_of/i), all());
  });
  test("Kata'ib Hezbollah —member of→ the factions", () => {
    assert.ok(rel(mustEntityAt(d, 'Hezbollah Brigades'), mustEntityAt(d, 'armed Iraqi factions allied with Iran'), /member_of|part_of/i), all());
  });
  test('the factions —allied with→ Iran', () => {
    assert.ok(rel(mustEntityAt(d, 'armed Iraqi factions allied with Iran'), mustEntityAt(d, 'Iran'), /allied|aligned/i), all());
  });
  test('the factions —await orders from→ Iran or the Quds Force', () => {
    const f = mustEntityAt(d, 'armed Iraqi factions allied with Iran');
    assert.ok(rel(f, mustEntityAt(d, 'Iran'), /await/i) || rel(f, mustEntityAt(d, 'al-Quds Force'), /await/i), all());
  });
  test('Coordinating Framework —ruling alliance of→ Iraq', () => {
    const cf = mustEntityAt(d, 'Coordinating Framework', 2);
    const iraq = mustEntityAt(d, 'Iraq', findStandalone('Iraq'));
    assert.ok(rel(cf, iraq, /./), all());
  });
  test('the Ambassador —represents→ Iran, —located in→ Baghdad', () => {
    const amb = mustEntityAt(d, 'Iranian Ambassador in Baghdad');
    assert.ok(rel(amb, mustEntityAt(d, 'Iran'), /represent/i), all());
    assert.ok(rel(amb, mustEntityAt(d, 'Baghdad'), /located/i), all());
  });
  test('every relation has evidence inside the text', () => {
    assert.ok(d.relations.length > 0);
    for (const r of d.relations) assert.ok(r.evidence.end > r.evidence.start && r.evidence.end <= text.length);
  });
});
