/**
 * @module ingest/walk
 * Folder inputs: the files to ingest under a folder, recursively, in a stable (sorted) order.
 * Hidden files and folders (dot names) and `node_modules` are skipped; symbolic links are
 * followed once (a link cycle cannot loop) and files are picked by extension.
 */

import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules']);

/**
 * Paths of the files under `dir` whose extension is in `extensions` (lower-case, with dot).
 * Throws the fs error when `dir` itself cannot be read; unreadable subfolders are skipped.
 */
export async function* walkFolder(dir: string, extensions: ReadonlySet<string>): AsyncGenerator<string> {
  const seen = new Set<string>([await realpath(dir)]);
  yield* walkInner(dir, extensions, seen, true);
}

async function* walkInner(dir: string, extensions: ReadonlySet<string>, seen: Set<string>, top: boolean): AsyncGenerator<string> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if (top) throw err;
    return; // a subfolder we may not read does not stop the others
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(path);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        continue; // dangling link
      }
    }
    if (isDir) {
      let real: string;
      try {
        real = await realpath(path);
      } catch {
        continue;
      }
      if (seen.has(real)) continue;
      seen.add(real);
      yield* walkInner(path, extensions, seen, false);
    } else if (isFile && extensions.has(extname(entry.name).toLowerCase())) {
      yield path;
    }
  }
}
