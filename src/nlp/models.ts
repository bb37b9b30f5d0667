/**
 * @module nlp/models
 * Where the shipped NLP model files live (the repository's models/ folder) and a helper that
 * resolves a model file name against it. Models are read lazily by their stages.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Absolute path of the models/ folder. Overridable with DOSSIER_MODELS_DIR (tests, experiments). */
export function modelsDir(): string {
  return process.env['DOSSIER_MODELS_DIR'] ?? fileURLToPath(new URL('../../models/', import.meta.url));
}

/** Absolute path of a model file in models/. */
export function modelPath(file: string): string {
  return join(modelsDir(), file);
}
