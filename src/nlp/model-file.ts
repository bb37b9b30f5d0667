/**
 * @module nlp/model-file
 * The on-disk format of Dossier's NLP models: a container holding a JSON header (model
 * metadata: class names, lexicons, scores) and named typed arrays (sparse perceptron weights).
 * Weights are stored as int16 with one scale per array, which halves the file with no
 * measurable accuracy cost. A big model can instead be stored as its ready-made runtime hash
 * table (`tableArrays`: the parser), which loading adopts without building anything. The shipped
 * models are stored uncompressed (`.bin`: the arrays are used in place, where inflating the
 * parser took ~150 ms of the first document); a path ending in `.gz` is written gzipped, and
 * either form is read.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DossierError } from '../errors.ts';
import { SparseModel, tableOrder, type QuantizedWeights } from './perceptron.ts';

const MAGIC = 0x4c4e5344; // 'DSNL'

type ArrayKind = 'u32' | 'u8' | 'f32' | 'q16' | 'i32';
type Typed = Uint32Array | Uint8Array | Float32Array | Int32Array;
/** Integers that stand for value = integer · scale (a prebuilt table's slots), stored with their scale. */
export interface ScaledInts {
  ints: Int32Array;
  scale: number;
}

interface ArrayEntry {
  name: string;
  kind: ArrayKind;
  length: number;
  offset: number;
  /** For q16: value = int16 * scale. */
  scale?: number;
}

export interface ModelContents<M> {
  meta: M;
  /** Plain arrays by name; int16-quantised arrays are only in `quantized` (`dequantize` gives their floats). */
  arrays: Map<string, Typed>;
  /** The int16 form of every quantised array (what the file holds), by name. */
  quantized: Map<string, QuantizedWeights>;
  /** The scale stored with each `ScaledInts` array (the array itself is in `arrays`), by name. */
  scales: Map<string, number>;
}

/** int16 weights with one scale (the largest magnitude maps to 32767), as model files store them. */
export function quantize(w: Float32Array): QuantizedWeights {
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]!));
  const scale = max > 0 ? max / 32767 : 1;
  const q = new Int16Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.round(w[i]! / scale);
  return { q, scale };
}

/** Serialise metadata and arrays; Float32Arrays whose name ends in '.w' are quantised to int16. */
export function writeModelFile<M>(path: string, meta: M, arrays: Record<string, Typed | ScaledInts>): number {
  const entries: ArrayEntry[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, value] of Object.entries(arrays)) {
    let bytes: Uint8Array;
    let kind: ArrayKind;
    let scale: number | undefined;
    const arr = 'ints' in value ? value.ints : value;
    if (arr instanceof Float32Array && name.endsWith('.w')) {
      const qw = quantize(arr);
      scale = qw.scale;
      bytes = new Uint8Array(qw.q.buffer);
      kind = 'q16';
    } else {
      bytes = new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
      kind = arr instanceof Uint32Array ? 'u32' : arr instanceof Uint8Array ? 'u8' : arr instanceof Int32Array ? 'i32' : 'f32';
      if ('ints' in value) scale = value.scale;
    }
    const pad = (4 - (offset % 4)) % 4;
    if (pad) {
      chunks.push(new Uint8Array(pad));
      offset += pad;
    }
    const entry: ArrayEntry = { name, kind, length: arr.length, offset };
    if (scale !== undefined) entry.scale = scale;
    entries.push(entry);
    chunks.push(bytes);
    offset += bytes.byteLength;
  }
  const header = Buffer.from(JSON.stringify({ meta, arrays: entries }), 'utf8');
  const pre = Buffer.alloc(8);
  pre.writeUInt32LE(MAGIC, 0);
  pre.writeUInt32LE(header.length, 4);
  const headPad = Buffer.alloc((4 - ((8 + header.length) % 4)) % 4);
  const body = Buffer.concat([pre, header, headPad, ...chunks]);
  const out = path.endsWith('.gz') ? gzipSync(body, { level: 9 }) : body;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, out);
  return out.length;
}

/**
 * Read a model file, plain or gzipped (told apart by gzip's magic bytes, not by the name).
 * @throws DossierError MODEL_MISSING naming the file when it is absent or corrupt.
 */
export function readModelFile<M>(path: string, what: string): ModelContents<M> {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (e) {
    throw new DossierError('MODEL_MISSING', `${what}: model file ${path} is missing (run \`npm run train\` to rebuild the models)`, { input: path, cause: e });
  }
  try {
    const body = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b ? gunzip(raw) : raw;
    if (body.length < 8) throw new Error(`${body.length} bytes, shorter than the 8-byte preamble`);
    if (body.readUInt32LE(0) !== MAGIC) throw new Error('bad magic number');
    const headLen = body.readUInt32LE(4);
    const header = JSON.parse(body.subarray(8, 8 + headLen).toString('utf8')) as { meta: M; arrays: ArrayEntry[] };
    const dataStart = 8 + headLen + ((4 - ((8 + headLen) % 4)) % 4);
    // typed views need aligned offsets: use the inflated buffer in place when it is, else copy
    let buf: ArrayBufferLike = body.buffer;
    let base = body.byteOffset + dataStart;
    if (base % 4 !== 0) {
      const data = new Uint8Array(body.length - dataStart);
      data.set(body.subarray(dataStart));
      buf = data.buffer;
      base = 0;
    }
    const arrays = new Map<string, Typed>();
    const quantized = new Map<string, QuantizedWeights>();
    const scales = new Map<string, number>();
    // a Buffer may be a view into a larger shared pool: a view past the file's end would read
    // other memory instead of failing, so every array is checked against the data's length
    const dataBytes = body.length - dataStart;
    for (const e of header.arrays) {
      const end = e.offset + e.length * (e.kind === 'u8' ? 1 : e.kind === 'q16' ? 2 : 4);
      if (!(end <= dataBytes)) throw new Error(`array "${e.name}" ends at byte ${end} of ${dataBytes} data bytes (truncated file?)`);
      if (e.kind === 'i32') {
        arrays.set(e.name, new Int32Array(buf, base + e.offset, e.length));
        if (e.scale !== undefined) scales.set(e.name, e.scale);
      } else if (e.kind === 'u32') arrays.set(e.name, new Uint32Array(buf, base + e.offset, e.length));
      else if (e.kind === 'u8') arrays.set(e.name, new Uint8Array(buf, base + e.offset, e.length));
      else if (e.kind === 'f32') arrays.set(e.name, new Float32Array(buf, base + e.offset, e.length));
      else quantized.set(e.name, { q: new Int16Array(buf, base + e.offset, e.length), scale: e.scale ?? 1 });
    }
    return { meta: header.meta, arrays, quantized, scales };
  } catch (e) {
    throw new DossierError('MODEL_MISSING', `${what}: model file ${path} is corrupt (${(e as Error).message}); run \`npm run train\` to rebuild it`, { input: path, cause: e });
  }
}

/** Inflate a gzipped model file into one buffer. */
function gunzip(gz: Buffer): Buffer {
  // gzip's trailer holds the inflated size (mod 2^32): one output chunk, so no concatenating
  // copy (capped, since a corrupt trailer could claim anything)
  const size = gz.length >= 18 ? gz.readUInt32LE(gz.length - 4) : 0;
  return gunzipSync(gz, { chunkSize: Math.min(1 << 30, Math.max(64 * 1024, size + 1)) });
}

/** The arrays of a SparseModel under a name prefix, for `writeModelFile`. */
export function sparseArrays(prefix: string, m: SparseModel): Record<string, Typed> {
  // features in hash-table order: the loader then writes its table sequentially (tagger + parser build ~2× faster)
  const order = tableOrder(m.keys);
  const keys = new Uint32Array(order.length);
  const offs = new Uint32Array(order.length + 1);
  const cls = new Uint8Array(m.cls.length);
  const w = new Float32Array(m.w.length);
  let j = 0;
  order.forEach((i, r) => {
    keys[r] = m.keys[i]!;
    for (let t = m.offs[i]!; t < m.offs[i + 1]!; t++, j++) {
      cls[j] = m.cls[t]!;
      w[j] = m.w[t]!;
    }
    offs[r + 1] = j;
  });
  return { [`${prefix}.keys`]: keys, [`${prefix}.offs`]: offs, [`${prefix}.cls`]: cls, [`${prefix}.w`]: w };
}

/**
 * The arrays of a SparseModel's prebuilt runtime table under a name prefix, for `writeModelFile`:
 * the weights quantised as `sparseArrays` files hold them, then inserted in the order the loader
 * would insert them, so the table is the one loading a `sparseArrays` file builds. Loading it
 * skips the build (worth it for big models: the parser); the plain weights are not kept.
 */
export function tableArrays(prefix: string, m: SparseModel): Record<string, Int32Array | ScaledInts> {
  const plain = sparseArrays(prefix, m);
  const runtime = new SparseModel(m.nClasses, plain[`${prefix}.keys`] as Uint32Array, plain[`${prefix}.offs`] as Uint32Array, plain[`${prefix}.cls`] as Uint8Array, null, false, quantize(plain[`${prefix}.w`] as Float32Array));
  const t = runtime.intTable();
  return {
    [`${prefix}.classes`]: Int32Array.of(t.classes),
    [`${prefix}.slots`]: { ints: t.slots, scale: t.scale },
    [`${prefix}.pairs`]: t.pairs,
    [`${prefix}.wide`]: t.wide,
  };
}

/**
 * Rebuild a SparseModel stored with `sparseArrays` (without its plain arrays unless `keepPlain`),
 * or adopt one stored with `tableArrays`.
 */
export function sparseFrom(c: ModelContents<unknown>, prefix: string, nClasses: number, path: string, keepPlain = false): SparseModel {
  const get = (k: string) => {
    const a = c.arrays.get(`${prefix}.${k}`);
    if (!a) throw new DossierError('MODEL_MISSING', `model file ${path} lacks the array "${prefix}.${k}"`, { input: path });
    return a;
  };
  if (c.arrays.has(`${prefix}.slots`)) {
    if (keepPlain) throw new DossierError('MODEL_MISSING', `model file ${path} stores "${prefix}" as a prebuilt table, without the plain weights asked for (retrain to get them)`, { input: path });
    const ints = (k: string) => {
      const a = get(k);
      if (!(a instanceof Int32Array)) throw new DossierError('MODEL_MISSING', `model file ${path} is corrupt (array "${prefix}.${k}" is not int32); run \`npm run train\` to rebuild it`, { input: path });
      return a;
    };
    const table = { classes: ints('classes')[0] ?? -1, scale: c.scales.get(`${prefix}.slots`) ?? NaN, slots: ints('slots'), pairs: ints('pairs'), wide: ints('wide') };
    try {
      return SparseModel.fromTable(nClasses, table);
    } catch (e) {
      throw new DossierError('MODEL_MISSING', `model file ${path} is corrupt (${(e as Error).message}); run \`npm run train\` to rebuild it`, { input: path, cause: e });
    }
  }
  // the int16 weights as stored select SparseModel's compact integer layout; the float weights
  // are only materialised when the plain arrays are kept (to save the model again)
  const quant = c.quantized.get(`${prefix}.w`) ?? null;
  const w = quant ? (keepPlain ? dequantize(quant) : null) : (get('w') as Float32Array);
  return new SparseModel(nClasses, get('keys') as Uint32Array, get('offs') as Uint32Array, get('cls') as Uint8Array, w, keepPlain, quant);
}

/** The float values of int16-quantised weights. */
export function dequantize({ q, scale }: QuantizedWeights): Float32Array {
  const f = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) f[i] = q[i]! * scale;
  return f;
}
