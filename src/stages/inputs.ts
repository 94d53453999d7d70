/** Typed reading of stage inputs, whatever provider they come from. */
import { HopError } from '../core/errors.js';
import type { CiProvider } from '../ports.js';

export function booleanInput(ci: Pick<CiProvider, 'input'>, name: string): boolean | undefined {
  const v = ci.input(name);
  if (v === undefined) return undefined;
  if (/^(true|yes|on|1)$/i.test(v)) return true;
  if (/^(false|no|off|0)$/i.test(v)) return false;
  throw new HopError(`input '${name}' must be true or false, not '${v}'`, { code: 'bad-input' });
}

export function requiredInput(ci: Pick<CiProvider, 'input'>, name: string, hint?: string): string {
  const v = ci.input(name);
  if (v === undefined) throw new HopError(`input '${name}' is required`, { code: 'missing-input', ...(hint ? { hint } : {}) });
  return v;
}
