/**
 * Geocoding evaluation (`npm run eval:geo`): accuracy@161 km and exact GeoNames-id accuracy of
 * entity resolution on place names in GUM news and voyage documents (train/dev only).
 *
 *   --build   derive data/eval/geo-gum.json from GUM ($DOSSIER_SHARED_DATA/ud/en_gum, CC BY 4.0
 *             genres) and the hand annotation data/eval/geo-gold.yaml, recording source and licence;
 *   (default) read data/eval/geo-gum.json, run the resolver on each document with the gold place
 *             spans given as NER LOC mentions, and compare the entity's geo with the gold.
 * Countries are judged by ISO code, regions/continents by name, states/cities by distance.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { resolveWithGold, entityForSpan } from './lib/resolve-gold.ts';
import { loadKb, loadGazetteer, distanceKm, normalizeName } from '../src/kb/index.ts';
import { readGum } from './gum-places.ts';
import { checkScriptArgs } from './lib/script-args.ts';
import { sharedDataDir } from './lib/shared-data.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(repo, 'data/eval/geo-gum.json');
type Gold = [kind: string, country: string, geonamesId: number, lat: number, lon: number];
interface EvalMention { start: number; end: number; text: string; identity: string; gold: Gold }
interface EvalFile { source: string; licence: string; annotation: string; docs: { id: string; text: string; mentions: EvalMention[] }[] }

function build(): void {
  const shared = sharedDataDir();
  const gold = YAML.parse(fs.readFileSync(path.join(repo, 'data/eval/geo-gold.yaml'), 'utf8')) as Record<string, Gold>;
  const docs: EvalFile['docs'] = [];
  for (const split of ['train', 'dev']) {
    const text = fs.readFileSync(path.join(shared, 'ud/en_gum', `${split}.conllu`), 'utf8');
    for (const d of readGum(text, (id) => /^GUM_(news|voyage)_/.test(id))) {
      const mentions: EvalMention[] = [];
      for (const m of d.mentions) {
        const g = gold[m.identity];
        if (m.type !== 'place' || !g) continue;
        // The name itself: drop a possessive and anything after a comma ("Mecca , Saudi Arabia").
        let t = m.text;
        const comma = t.indexOf(',');
        if (comma > 0) t = t.slice(0, comma).trimEnd();
        t = t.replace(/\s*['’]s$/, '');
        // Proper names only: every word capitalised except function words ("Isle of Man").
        const words = t.split(/\s+/);
        if (words.length > 4 || /^(The|A|An|This|That|Its|Their)$/.test(words[0]!)) continue;
        if (!words.every((w) => /^[\p{Lu}\d]/u.test(w) || /^(of|de|la|des|du|and|à|l'eau|-)$/.test(w))) continue;
        mentions.push({ start: m.start, end: m.start + t.length, text: t, identity: m.identity, gold: g });
      }
      if (mentions.length > 0) docs.push({ id: d.id, text: d.text, mentions });
    }
  }
  const file: EvalFile = {
    source: 'GUM corpus (Zeldes 2017), UD English-GUM train/dev, news and voyage documents (Wikinews, Wikivoyage)',
    licence: 'CC BY 4.0 (Wikinews: CC BY 2.5; Wikivoyage: CC BY-SA 3.0 as distributed in UD GUM)',
    annotation: 'Gold GeoNames resolutions by Dossier contributors: data/eval/geo-gold.yaml',
    docs,
  };
  fs.writeFileSync(OUT, JSON.stringify(file, null, 1) + '\n');
  console.log(`eval-geo --build: ${docs.reduce((n, d) => n + d.mentions.length, 0)} toponyms in ${docs.length} documents -> data/eval/geo-gum.json`);
}

function evaluate(): void {
  const file = JSON.parse(fs.readFileSync(OUT, 'utf8')) as EvalFile;
  const kb = loadKb();
  const gaz = loadGazetteer();
  let n = 0, ok161 = 0, withId = 0, okId = 0;
  const errors: string[] = [];
  const t0 = Date.now();
  for (const d of file.docs) {
    const doc = resolveWithGold(d, d.mentions.map((m) => ({ start: m.start, end: m.end, label: 'LOC' as const })), kb, gaz);
    for (const m of d.mentions) {
      n++;
      const [kind, cc, gid, lat, lon] = m.gold;
      const e = entityForSpan(doc, m);
      const geo = e?.geo;
      let good = false;
      if (geo) {
        if (kind === 'country') good = geo.country === cc && e.subtype === 'country';
        else if (kind === 'region') good = normalizeName(e.name) === normalizeName(decodeURIComponent(m.identity).replace(/_/g, ' '));
        else good = distanceKm(geo, { lat, lon }) <= 161;
      }
      if (good) ok161++;
      if (gid > 0) {
        withId++;
        if (geo?.geonamesId === gid) okId++;
      }
      if (!good) errors.push(`${d.id}: "${m.text}" -> ${e ? `${e.name} (${geo ? `${geo.country} ${geo.lat},${geo.lon}` : 'no geo'})` : 'no entity'}; gold ${decodeURIComponent(m.identity)} ${cc}`);
    }
  }
  const pct = (a: number, b: number): string => `${((100 * a) / Math.max(b, 1)).toFixed(1)}%`;
  if (process.argv.includes('--errors')) for (const e of errors) console.log(e);
  console.log(`eval:geo  ${n} toponyms in ${file.docs.length} GUM news/voyage documents (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  console.log(`  accuracy@161km   ${pct(ok161, n)} (${ok161}/${n})`);
  console.log(`  exact GeoNames id ${pct(okId, withId)} (${okId}/${withId} toponyms with a gold GeoNames id)`);
}

checkScriptArgs('eval:geo', 'npm run eval:geo -- [--errors] | --build',
  'Geocoding accuracy (@161 km and exact GeoNames id) of entity resolution on the place names of\nGUM news and voyage documents (data/eval/geo-gum.json).',
  [
    { flag: '--errors', help: 'also list every toponym resolved wrongly' },
    { flag: '--build', help: 'rebuild data/eval/geo-gum.json from GUM ($DOSSIER_SHARED_DATA) and data/eval/geo-gold.yaml' },
  ]);
if (process.argv.includes('--build')) build();
else evaluate();
