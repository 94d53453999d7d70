/**
 * Finds `workflows-templates/`: beside `src/` when run from the sources, beside `dist/`
 * in the published package (package.json "files" ships it).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InternalError } from '../core/errors.js';

export function templatesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = path.join(dir, 'workflows-templates');
    if (existsSync(path.join(candidate, 'github'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new InternalError('workflows-templates/ is missing from the hop-ci package');
}

export function templateReader(dir = templatesDir()): (name: string) => string {
  return (name) => readFileSync(path.join(dir, name), 'utf8');
}
