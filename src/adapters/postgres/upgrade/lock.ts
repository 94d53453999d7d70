/**
 * One upgrade at a time per database: a session advisory lock, polled with
 * pg_try_advisory_lock until a deadline, so that a second upgrade waits and then fails
 * naming the session that holds it (pid, application name — which carries the CI run
 * URL —, since when). The lock goes with the session: a killed hop-ci cannot leave it.
 */
import type pg from 'pg';
import { HopError } from '../../../core/errors.js';
import type { Clock } from '../../../ports.js';

/** Two int4 keys: 'hop-' and 'upgr' in ASCII, so that `pg_locks` shows where they come from. */
export const LOCK_KEYS = [0x686f702d, 0x75706772] as const;

export interface LockHolder {
  pid: number;
  applicationName: string;
  backendStart: Date;
  state: string;
  client?: string;
  /** The role of that session. */
  user?: string;
}

export async function lockHolder(client: pg.Client): Promise<LockHolder | undefined> {
  const { rows } = await client.query<{
    pid: number;
    application_name: string;
    backend_start: Date;
    state: string | null;
    client_addr: string | null;
    usename: string | null;
  }>(
    `SELECT a.pid, a.application_name, a.backend_start, a.state, host(a.client_addr) AS client_addr, a.usename
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 2
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    [LOCK_KEYS[0], LOCK_KEYS[1]],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    pid: r.pid,
    applicationName: r.application_name,
    backendStart: r.backend_start,
    state: r.state ?? 'unknown',
    ...(r.client_addr ? { client: r.client_addr } : {}),
    ...(r.usename ? { user: r.usename } : {}),
  };
}

export function describeHolder(h: LockHolder): string {
  return `pid ${h.pid}, application "${h.applicationName || '(none)'}", connected since ${h.backendStart.toISOString()}${h.client ? ` from ${h.client}` : ''}, ${h.state}${h.user ? `, role ${h.user}` : ''}`;
}

export interface LockOptions {
  timeoutMs: number;
  clock: Clock;
  pollMs?: number;
  log: (message: string) => void;
}

export async function acquireUpgradeLock(client: pg.Client, options: LockOptions): Promise<void> {
  const deadline = options.clock.now() + options.timeoutMs;
  let announced = false;
  for (;;) {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [LOCK_KEYS[0], LOCK_KEYS[1]]);
    if (rows[0]!.ok) return;
    const holder = await lockHolder(client);
    if (!announced && holder) {
      options.log(`another upgrade holds the lock (${describeHolder(holder)}): waiting up to ${Math.round(options.timeoutMs / 1000)} s`);
      announced = true;
    }
    if (options.clock.now() >= deadline) {
      throw new HopError(`another upgrade is running on this database: ${holder ? describeHolder(holder) : 'its session ended just now'}`, {
        kind: 'failed',
        hint: 'wait for it to finish and run again (serialise upgrades with `concurrency` / `resource_group`), or raise --lock-timeout; if that session is stuck, end it with SELECT pg_terminate_backend(<pid>)',
        code: 'upgrade-locked',
      });
    }
    await new Promise((r) => setTimeout(r, Math.min(options.pollMs ?? 250, Math.max(0, deadline - options.clock.now()))));
  }
}
