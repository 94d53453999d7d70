/**
 * squawk, the PostgreSQL migration linter (npm `squawk-cli`, a Rust binary in a platform
 * package). Not a dependency of hop-ci: it is looked for only where linting runs — the
 * `HOP_SQUAWK` variable, then `squawk-cli` installed beside hop-ci or in the project, then
 * `squawk` on PATH, then `npx --yes squawk-cli@<pinned>`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { HopError } from '../core/errors.js';
import type { RawFinding } from '../core/lint.js';
import { runChild } from './postgres/child.js';

/** The version npx installs when squawk is nowhere on the machine (the one hop-ci is tested with). */
export const SQUAWK_VERSION = '2.66.0';

type Env = Readonly<Record<string, string | undefined>>;

export interface SquawkCommand {
  program: string;
  args: string[];
  /** For messages. */
  describe: string;
}

function platformBinary(from: string): string | undefined {
  try {
    const require = createRequire(from);
    const pkg = require.resolve(`@squawk-cli/${process.platform}-${process.arch}/package.json`);
    const bin = path.join(path.dirname(pkg), 'bin', process.platform === 'win32' ? 'squawk.exe' : 'squawk');
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

function onPath(env: Env): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'squawk');
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function findSquawk(projectRoot: string, env: Env): SquawkCommand {
  const given = env['HOP_SQUAWK'];
  if (given) return { program: given, args: [], describe: given };
  const local = platformBinary(import.meta.url) ?? platformBinary(path.join(projectRoot, 'package.json'));
  if (local) return { program: local, args: [], describe: `squawk-cli (${local})` };
  const found = onPath(env);
  if (found) return { program: found, args: [], describe: found };
  return { program: 'npx', args: ['--yes', `squawk-cli@${SQUAWK_VERSION}`], describe: `npx squawk-cli@${SQUAWK_VERSION}` };
}

interface SquawkJson {
  file: string;
  line: number;
  column: number;
  level: string;
  message: string;
  help: string | null;
  rule_name: string;
}

export interface SquawkRun {
  /** SQL as squawk must read it (psql meta-commands blanked out by the caller). */
  text: string;
  /** Relative to the project root: how findings name the file. */
  file: string;
  pgVersion: number;
  projectRoot: string;
  env: Env;
}

/** squawk's findings on one file, lines 1-based. squawk's own `.squawk.toml` in the project root is honoured. */
export async function runSquawk(command: SquawkCommand, run: SquawkRun): Promise<RawFinding[]> {
  const config = path.join(run.projectRoot, '.squawk.toml');
  const args = [
    ...command.args,
    '--reporter',
    'json',
    '--stdin-filepath',
    run.file,
    '--pg-version',
    `${run.pgVersion}.0`,
    // hop-ci runs each file in a transaction (validation) or the whole release in one (upgrade).
    '--assume-in-transaction',
    ...(existsSync(config) ? ['--config', config] : []),
  ];
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(run.env)) if (v !== undefined) env[k] = v;
  const r = await runChild(command.program, args, { env, cwd: run.projectRoot, stdin: run.text });
  // 0: no finding, 1: findings; anything else is squawk failing.
  const parsed = r.code === 0 || r.code === 1 ? parseJson(r.stdout) : undefined;
  if (!parsed) {
    throw new HopError(
      `squawk could not lint ${run.file} (${command.describe}, exit ${r.code ?? r.signal}): ${r.stderr.trim().split('\n').slice(-2).join(' ')}`,
      {
        kind: 'failed',
        file: run.file,
        hint: `install it beside hop-ci (npm i -D squawk-cli@${SQUAWK_VERSION}) or give its path in HOP_SQUAWK; lint: off turns the lint off`,
        code: 'squawk',
      },
    );
  }
  return parsed.map((f) => ({
    file: run.file,
    line: f.line + 1,
    column: f.column + 1,
    rule: f.rule_name,
    level: f.level.toLowerCase() === 'error' ? 'error' : 'warning',
    message: f.message,
    ...(f.help ? { help: f.help } : {}),
  }));
}

function parseJson(text: string): SquawkJson[] | undefined {
  try {
    const v: unknown = JSON.parse(text.trim() || '[]');
    return Array.isArray(v) ? (v as SquawkJson[]) : undefined;
  } catch {
    return undefined;
  }
}
