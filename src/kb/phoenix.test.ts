import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePhoenixActors, parsePhoenixAgents, parseDatedCode } from './phoenix.ts';

test('a root with aliases and dated codes keeps both', () => {
  const e = parsePhoenixActors(`# header\nNURI_AL_MALIKI_  # CountryInfo.txt\n+NOURI_AL_MALIKI\n+AL-MALIKI\n\t[IRQELI 680101-000101]\n\t[IRQGOV 20060520-20140908]\n`);
  assert.equal(e.length, 1);
  assert.equal(e[0]!.root, 'NURI_AL_MALIKI_');
  assert.deepEqual(e[0]!.aliases, ['NOURI_AL_MALIKI', 'AL-MALIKI']);
  assert.deepEqual(e[0]!.codes[1], { code: 'IRQGOV', from: '2006-05-20', to: '2014-09-08' });
  assert.equal(e[0]!.comment, 'CountryInfo.txt');
});

test('consecutive roots without codes share the codes that follow', () => {
  const e = parsePhoenixActors('A_ROOT\nB_ROOT\n\t[SYRREBMUS]\nC_ROOT [USA]\n');
  assert.deepEqual(e.map((x) => x.codes.map((c) => c.code)), [['SYRREBMUS'], ['SYRREBMUS'], ['USA']]);
});

test('several codes on the root line are all read', () => {
  const e = parsePhoenixActors('ANN_VENEMAN_\t[USAGOV 010120-050120] [IGOUNOKID >050501]# note\n');
  assert.deepEqual(e[0]!.codes, [
    { code: 'USAGOV', from: '2001-01-20', to: '2005-01-20' },
    { code: 'IGOUNOKID', from: '2005-05-01' },
  ]);
});

test('open-ended dates', () => {
  assert.deepEqual(parseDatedCode('IRQGOV >110101'), { code: 'IRQGOV', from: '2011-01-01' });
  assert.deepEqual(parseDatedCode('IRQGOV <991231'), { code: 'IRQGOV', to: '1999-12-31' });
});

test('agents expand macros', () => {
  const a = parsePhoenixAgents('!PERSON! = MAN, WOMAN\nFISHER!PERSON! [~AGR]\nAMBASSADOR [~GOV]\n');
  assert.deepEqual(a, [
    { phrase: 'FISHERMAN', code: '~AGR' },
    { phrase: 'FISHERWOMAN', code: '~AGR' },
    { phrase: 'AMBASSADOR', code: '~GOV' },
  ]);
});
