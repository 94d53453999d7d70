/**
 * `.hop/ci.toml`: the project's defaults for `hop-ci generate`, so that the options need
 * not be repeated on every run (and `generate --check` in CI sees the same ones):
 *
 *   provider = "github"            # github | gitlab | both
 *   postgres-version = "16"
 *   python-version = "3.12"
 *   install-command = "pip install -e ."
 *   test-command = "pytest -q"
 *   action-ref = "hop-ci/hop-ci@v1.0.0"
 *   upgrade-install-command = "pip install --require-hashes -r requirements.lock"
 *   upgrade-timeout = 90           # minutes; also validate-timeout, promote-timeout
 *
 * Keys are the flag names (`postgres_version` is accepted too). Other keys are left to
 * the rest of hop-ci and ignored here.
 */
import { parse, TomlError } from 'smol-toml';
import { HopError } from '../core/errors.js';
import { OPTION_NAMES, type RawOptions } from './options.js';

export const CI_TOML = '.hop/ci.toml';

export function parseCiToml(text: string, file = CI_TOML): RawOptions {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof TomlError) {
      throw new HopError(`${file}:${e.line}:${e.column}: ${e.message.split('\n')[0]}`, {
        file,
        line: e.line,
        column: e.column,
        hint: `fix the TOML syntax of ${file}`,
        code: 'toml-syntax',
      });
    }
    throw e;
  }
  const out: RawOptions = {};
  for (const name of OPTION_NAMES) {
    const key = name in doc ? name : name.replace(/-/g, '_');
    if (!(key in doc)) continue;
    const value = doc[key];
    // A float is refused: python-version = 3.10 would silently be 3.1.
    if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))) {
      out[name] = String(value);
    } else {
      throw new HopError(`${file}: ${key} must be a string, not ${JSON.stringify(value)}`, {
        file,
        hint: `write it quoted, e.g. ${key} = "${String(value)}"`,
        code: 'generate-option',
      });
    }
  }
  return out;
}
