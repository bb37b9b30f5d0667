/**
 * @module kb/load
 * Loading the shipped knowledge base and gazetteer (lazy, cached per process) and user extension
 * files (`--kb extra.yaml`). Extension files are YAML or JSON, either a list of actors or
 * `{actors: [...]}`, validated with the same schema as the shipped file; an actor with an
 * existing id replaces it. Failures are `DossierError`s naming the file and the field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import type { z } from 'zod';
import { DossierError } from '../errors.ts';
import { KnowledgeBase } from './knowledge-base.ts';
import { Gazetteer, type PlaceRow } from './gazetteer.ts';
import { ACTOR_TYPES, extraFileSchema, type KbActor } from './types.ts';

const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
export const KB_FILE = path.join(DATA_DIR, 'kb', 'actors.json');
export const GAZETTEER_FILE = path.join(DATA_DIR, 'gazetteer', 'places.json');

export interface LoadKbOptions {
  /** Extra YAML/JSON files that extend or override the shipped actors. */
  extra?: string[];
}

let shippedActors: KbActor[] | undefined;
let shippedKb: KnowledgeBase | undefined;
let gazetteer: Gazetteer | undefined;

function readShipped(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new DossierError('MODEL_MISSING', `loadKb: the shipped data file ${file} is missing; run npm run build:data`, { input: file });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new DossierError('MODEL_MISSING', `loadKb: the shipped data file ${file} is not valid JSON`, { input: file, cause: e });
  }
}

function describe(issues: z.core.$ZodIssue[], file: string, root: unknown): string {
  const first = issues[0];
  if (!first) return `${file}: invalid`;
  const p = first.path;
  // Name the actor by its id when the path goes through a list of actors.
  let where = p.join('.');
  const idx = p.findIndex((x) => typeof x === 'number');
  if (idx >= 0) {
    const list = (idx === 0 ? root : (root as Record<string, unknown>)[String(p[0])]) as unknown[];
    const item = Array.isArray(list) ? (list[p[idx] as number] as { id?: unknown } | undefined) : undefined;
    if (item && typeof item.id === 'string') where = `actor "${item.id}" field "${p.slice(idx + 1).join('.') || '(record)'}"`;
    else where = `actor #${(p[idx] as number) + 1} field "${p.slice(idx + 1).join('.') || '(record)'}"`;
  }
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return `${file}: ${where}: ${first.message}${more}`;
}

/** Read and validate one extension file. */
export function readExtraFile(file: string): KbActor[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new DossierError('KB_INVALID', `loadKb: cannot read the knowledge-base file ${file}`, { input: file });
  }
  let raw: unknown;
  try {
    raw = /\.json$/i.test(file) ? JSON.parse(text) : YAML.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new DossierError('KB_INVALID', `loadKb: ${file} is not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${msg}`, { input: file, cause: e });
  }
  const r = extraFileSchema.safeParse(raw);
  if (!r.success) {
    // Report against the list form when the file is a bare list; else against {actors}.
    const issues = Array.isArray(raw) ? (extraFileSchema.options[0].safeParse(raw).error?.issues ?? r.error.issues) : (extraFileSchema.options[1].safeParse(raw).error?.issues ?? r.error.issues);
    throw new DossierError('KB_INVALID', `loadKb: ${describe(issues, file, raw)}`, { input: file });
  }
  return Array.isArray(r.data) ? r.data : r.data.actors;
}

function loadShippedActors(): KbActor[] {
  if (shippedActors) return shippedActors;
  shippedActors = checkShippedActors(readShipped(KB_FILE), KB_FILE);
  return shippedActors;
}

/**
 * The shipped actors, checked for what loading relies on: the version, and per actor an id, a
 * name, a type and an alias list. `npm run build:data` writes the file only after the full schema
 * (`kbFileSchema`) accepts it, and a spec runs that schema on the shipped file; running it again
 * here cost 0.16–0.22 s of every start. Extension files (`--kb`) still get the full schema.
 * @throws DossierError MODEL_MISSING naming the file and the first bad actor.
 */
export function checkShippedActors(raw: unknown, file: string): KbActor[] {
  const bad = (why: string) => new DossierError('MODEL_MISSING', `loadKb: ${file} ${why}; run npm run build:data to rebuild it`, { input: file });
  const f = raw as { version?: unknown; actors?: unknown } | null;
  if (typeof f !== 'object' || f === null || f.version !== 1 || !Array.isArray(f.actors)) throw bad('is not a version-1 knowledge base (expected {"version": 1, "actors": [...]})');
  const actors = f.actors as unknown[];
  for (let i = 0; i < actors.length; i++) {
    const a = actors[i] as Partial<Record<keyof KbActor, unknown>> | null;
    if (typeof a !== 'object' || a === null) throw bad(`actors[${i}] is not an object`);
    if (typeof a.id !== 'string' || a.id === '') throw bad(`actors[${i}].id: expected a non-empty string`);
    if (typeof a.name !== 'string' || a.name === '') throw bad(`actors[${i}].name (${a.id}): expected a non-empty string`);
    if (!(ACTOR_TYPES as readonly unknown[]).includes(a.type)) throw bad(`actors[${i}].type (${a.id}): expected one of ${ACTOR_TYPES.join(', ')}`);
    if (!Array.isArray(a.aliases)) throw bad(`actors[${i}].aliases (${a.id}): expected a list`);
  }
  return actors as KbActor[];
}

/**
 * The knowledge base: the shipped actors plus any extension files (later files win on ids).
 * Without extra files the instance is cached for the process.
 * @throws DossierError KB_INVALID naming the file and field of a bad extension file.
 */
export function loadKb({ extra = [] }: LoadKbOptions = {}): KnowledgeBase {
  if (extra.length === 0) {
    shippedKb ??= new KnowledgeBase(loadShippedActors());
    return shippedKb;
  }
  const added = extra.flatMap((f) => readExtraFile(f));
  const kb = new KnowledgeBase(loadShippedActors());
  for (const a of added) kb.add(a);
  return kb;
}

/** The shipped gazetteer (cached). */
export function loadGazetteer(): Gazetteer {
  if (gazetteer) return gazetteer;
  const raw = readShipped(GAZETTEER_FILE) as { version?: number; places?: PlaceRow[] };
  if (raw.version !== 1 || !Array.isArray(raw.places)) {
    throw new DossierError('MODEL_MISSING', `loadGazetteer: ${GAZETTEER_FILE} is not a version-1 gazetteer`, { input: GAZETTEER_FILE });
  }
  gazetteer = new Gazetteer(raw.places);
  return gazetteer;
}
