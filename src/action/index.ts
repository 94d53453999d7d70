/**
 * The bundle's entry (dist/index.js). It exports `run()` for tools that import the action
 * (@github/local-action) and calls it only when Node started this file itself, as the
 * runner does: importing it never runs a stage twice.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { run } from './main.js';

export { run };

function startedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (startedDirectly()) await run();
