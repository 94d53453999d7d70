/**
 * Names the sessions that block ours while a statement of ours waits for a lock. Our
 * connection is busy waiting, so a second connection (opened only the first time a
 * statement waits) asks `pg_blocking_pids` every so often while it waits.
 */
import type pg from 'pg';

export interface Blocker {
  pid: number;
  application_name: string;
  usename: string | null;
  state: string | null;
  /** When the blocker's transaction started (ISO, UTC). */
  since: string | null;
  query: string | null;
}

const BLOCKERS_SQL = `SELECT pid, application_name, usename, state,
    to_char(coalesce(xact_start, backend_start) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since,
    left(regexp_replace(query, '\\s+', ' ', 'g'), 200) AS query
  FROM pg_stat_activity WHERE pid = ANY (pg_blocking_pids($1)) ORDER BY pid`;

export function describeBlockers(blockers: Blocker[], separator: string): string {
  return blockers
    .map(
      (b) =>
        `pid ${b.pid}, application_name '${b.application_name}', user ${b.usename ?? '?'}, ${b.state ?? 'state unknown'}` +
        `${b.since ? ` since ${b.since}` : ''}, last query: ${b.query ?? '?'}`,
    )
    .join(separator);
}

export interface BlockerWatch {
  /** Starts asking every `everyMs` while a statement runs. */
  arm(everyMs: number): void;
  /** Stops asking; returns the blockers seen since `arm`. */
  disarm(): Blocker[];
  close(): Promise<void>;
}

export async function watchBlockers(client: pg.Client, openMonitor: () => Promise<pg.Client>): Promise<BlockerWatch> {
  // node-postgres keeps the backend's pid from BackendKeyData (untyped): no round trip.
  const known = (client as unknown as { processID?: number | null }).processID;
  const pid = typeof known === 'number' ? known : (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  let monitor: Promise<pg.Client | undefined> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let seen: Blocker[] = [];
  let asking = false;
  const ask = async () => {
    if (asking) return;
    asking = true;
    try {
      monitor ??= openMonitor().catch(() => undefined);
      const m = await monitor;
      const found = m ? (await m.query<Blocker>(BLOCKERS_SQL, [pid])).rows : [];
      if (found.length) seen = found;
    } catch {
      // best effort: naming blockers must never break the upgrade
    } finally {
      asking = false;
    }
  };
  return {
    arm(everyMs) {
      seen = [];
      clearInterval(timer);
      timer = setInterval(() => void ask(), everyMs);
      timer.unref();
    },
    disarm() {
      clearInterval(timer);
      timer = undefined;
      return seen;
    },
    async close() {
      clearInterval(timer);
      const m = await monitor;
      await m?.end().catch(() => undefined);
    },
  };
}
