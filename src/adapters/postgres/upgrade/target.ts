/**
 * The database an upgrade works on, given by URL (`--database-url` / `DATABASE_URL`).
 * The URL is a secret: only `describe` (host:port/database) ever reaches a message.
 */
import pg from 'pg';
import { HopError } from '../../../core/errors.js';
import { quoteIdent, type ServerAddress } from '../managed-server.js';
import { addressFromUrl } from '../server.js';
import { withLibpqDefaults } from '../libpq-params.js';

export interface TargetDatabase {
  address: ServerAddress;
  database: string;
  /** libpq variables for pg_dump, pg_restore, psql and Python (PGDATABASE included). */
  env: Record<string, string>;
  /** `host:port/database`, no credentials. */
  describe: string;
}

export function targetFromUrl(url: string | undefined, env: Readonly<Record<string, string | undefined>> = {}): TargetDatabase {
  if (!url) {
    throw new HopError('upgrade needs the database to upgrade', {
      hint: 'give its URL with --database-url / the `database-url` input, or DATABASE_URL (from a secret): postgresql://USER:PASSWORD@HOST:PORT/DATABASE',
      code: 'missing-database-url',
    });
  }
  const address = addressFromUrl(withLibpqDefaults(url, env));
  const database = address.maintenanceDb;
  return { address, database, env: { ...address.env, PGDATABASE: database }, describe: `${address.describe}/${database}` };
}

/** PostgreSQL keeps 63 bytes of application_name. */
export function applicationName(runUrl: string | undefined): string {
  return `hop-ci upgrade ${runUrl ?? 'local'}`.slice(0, 63);
}

export async function connectTarget(target: TargetDatabase, appName: string, database = target.database): Promise<pg.Client> {
  const client = new pg.Client({ ...target.address.pg, database, application_name: appName });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    const timeout = target.address.pg.connectionTimeoutMillis;
    const reason = e instanceof Error ? e.message : String(e);
    // node-postgres says only "timeout expired": say which setting ran out.
    const timedOut = /timeout/i.test(reason) && timeout;
    throw new HopError(
      `cannot connect to PostgreSQL at ${target.address.describe}: ${timedOut ? `no answer within connect_timeout (${timeout / 1000} s): ` : ''}${reason}`,
      {
        kind: 'failed',
        hint: 'check the database URL (--database-url / DATABASE_URL: host, port, user, password or PGPASSWORD/PGPASSFILE, sslmode) and that the runner can reach the server; a slow network may need a longer connect_timeout (URL parameter or PGCONNECT_TIMEOUT, default 15 s)',
        code: 'db-connect',
      },
    );
  }
  client.on('error', () => undefined);
  return client;
}

/** The same URL as another role (a rehearsal cluster's copy of the target's role). */
export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

export { quoteIdent };
