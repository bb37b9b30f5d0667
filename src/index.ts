/**
 * @module dossier
 * Dossier's small root export: analyse a report, open a store. Everything else lives behind
 * subpath exports (`dossier/store`) or inside the package.
 *
 * @example
 *   import { analyze, openStore } from 'dossier';
 *   const result = analyze(text, { publishedAt: '2023-10-29' });
 *   const store = await openStore('dossier.db');
 *   await store.saveDocument(result);
 */
export { analyze, analyzeDoc, type AnalyzeOptions } from './analyze.ts';
export { openStore } from './store/index.ts';
export { DossierError, type ErrorCode } from './errors.ts';
export type { NativeDocument } from './export/contract.ts';
export { NativeDocumentSchema } from './export/contract.ts';
