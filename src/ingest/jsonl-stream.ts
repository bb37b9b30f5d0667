/**
 * @module ingest/jsonl-stream
 * JSON Lines read as a stream, line by line, so a large dump (or `... | dossier ingest
 * --input-format jsonl -`) is processed in bounded memory with back-pressure from the consumer.
 * Each line is decoded as strict UTF-8 on its own, so a bad byte costs one line, named
 * `file:line`, not the whole input.
 */

import { looksBinary } from './detect.ts';
import { lineToItem } from './jsonl.ts';
import type { IngestError, IngestedDocument } from './types.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function* streamJsonLines(
  chunks: AsyncIterable<Buffer | string | Uint8Array>,
  input: string,
  defaultPublishedAt?: string,
  fallbackSource?: string,
): AsyncGenerator<IngestedDocument | IngestError> {
  let carry: Buffer = Buffer.alloc(0);
  let lineNo = 0;
  let lines = 0;
  let first = true;
  const handle = (bytes: Buffer): IngestedDocument | IngestError | undefined => {
    lineNo++;
    const name = `${input}:${lineNo}`;
    let line: string;
    try {
      line = utf8.decode(bytes);
    } catch {
      lines++;
      return { input: name, code: 'INPUT_ENCODING', message: `${name}: not valid UTF-8; expected UTF-8 JSON Lines` };
    }
    line = line.replace(/^\uFEFF/, '').trim();
    if (line === '') return undefined;
    lines++;
    return lineToItem(line, name, defaultPublishedAt, fallbackSource);
  };
  for await (const chunk of chunks) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (first) {
      first = false;
      if (looksBinary(buf)) {
        yield { input, code: 'INPUT_FORMAT', message: `${input}: binary content; expected JSON Lines text` };
        return;
      }
    }
    carry = carry.length === 0 ? buf : Buffer.concat([carry, buf]);
    let start = 0;
    for (let nl = carry.indexOf(0x0a, start); nl !== -1; nl = carry.indexOf(0x0a, start)) {
      const item = handle(carry.subarray(start, nl));
      start = nl + 1;
      if (item) yield item;
    }
    carry = start === 0 ? carry : Buffer.from(carry.subarray(start));
  }
  if (carry.length > 0) {
    const item = handle(carry);
    if (item) yield item;
  }
  if (lines === 0) {
    yield { input, code: 'INPUT_EMPTY', message: `${input}: no JSON lines (empty, or only blank lines)` };
  }
}
