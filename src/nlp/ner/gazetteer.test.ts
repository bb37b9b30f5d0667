import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEntries, Gazetteer, gazKey } from './gazetteer.ts';

/** What a gazetteer file means, stated line by line (the reader cuts lines out without splitting). */
function reference(tsv: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of tsv.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const tab = line.lastIndexOf('\t');
    if (tab <= 0) continue;
    const mask = Number(line.slice(tab + 1));
    if (Number.isInteger(mask) && mask > 0) m.set(line.slice(0, tab), mask);
  }
  return m;
}

test('gazetteer entries: comments, blank lines, keys with tabs, CRLF and odd masks read as the line-by-line definition', () => {
  const tsv = ['# comment\tlike 4', '', 'baghdad\t2', 'al-quds force\t16', 'a\tb\t8', '\tno key 4', 'no tab', 'zero\t0', 'neg\t-2', 'frac\t1.5', 'spaced\t 12', 'crlf\t4\r', 'hex\t0x10', 'empty\t', 'baghdad\t3', 'last\t64'].join('\n');
  const got = parseEntries(tsv);
  assert.deepEqual([...got], [...reference(tsv)]);
  assert.equal(got.get('a\tb'), 8, 'the last tab splits');
  assert.equal(got.get('crlf'), 4);
  assert.equal(got.get('baghdad'), 3, 'a repeated key keeps its last mask');
  assert.equal(got.has('zero') || got.has('neg') || got.has('frac'), false);
});

test('the shipped gazetteer reads the same as the line-by-line definition', () => {
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'models', 'ner', 'gazetteer.tsv');
  const tsv = readFileSync(file, 'utf8');
  const got = parseEntries(tsv);
  const want = reference(tsv);
  assert.ok(want.size > 50_000);
  assert.equal(got.size, want.size);
  for (const [k, v] of want) if (got.get(k) !== v) assert.fail(`entry "${k}": ${got.get(k)} instead of ${v}`);
  assert.equal(Gazetteer.parse(tsv).lookup('baghdad') > 0, true);
});

test('extend matches as a gazetteer built from all the entries at once (the prefixes are carried over, not recomputed)', () => {
  const base = Gazetteer.parse('islamic revolutionary guard corps\t16\nal-quds force\t16\nbaghdad\t2\n');
  const added: Array<[string, 'ORG' | 'PER' | 'PLACE']> = [['Hezbollah Brigades', 'ORG'], ['Kata\'ib Sayyid al-Shuhada', 'ORG'], ['Nouri al-Maliki', 'PER'], ['Baghdad', 'ORG'], ['Islamic State', 'ORG']];
  const ext = base.extend(added);
  const entries = parseEntries('islamic revolutionary guard corps\t16\nal-quds force\t16\nbaghdad\t2\n');
  const bit = { ORG: 16, PER: 8, PLACE: 2 } as const;
  for (const [name, cat] of added) entries.set(gazKey(name), (entries.get(gazKey(name)) ?? 0) | bit[cat]);
  const whole = new Gazetteer(entries);
  const text = "the islamic state and the islamic revolutionary guard corps met kata'ib sayyid al - shuhada and nouri al - maliki of hezbollah brigades in baghdad".split(' ');
  assert.deepEqual([...ext.match(text)], [...whole.match(text)]);
  assert.ok(ext.match(text).some((c) => c !== 0));
  assert.equal(ext.lookup('baghdad'), 2 | 16);
  assert.equal(base.lookup('hezbollah brigades'), 0, 'the base is unchanged');
});
