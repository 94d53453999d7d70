/**
 * The database an upgrade works on, given by URL (`--database-url` / `DATABASE_URL`).
 * The URL is a secret: only `describe` (host:port/database) ever reaches a message.
 */
import pg from 'pg';
import { HopError } from '../../../core/errors.js';
import { connectionError, quoteIdent, type ServerAddress } from '../managed-server.js';
import { addressFromUrl } from '../server.js';

export interface TargetDatabase {
  address: ServerAddress;
  database: string;
  /** libpq variables for pg_dump, pg_restore, psql and Python (PGDATABASE included). */
  env: Record<string, string>;
  /** `host:port/database`, no credentials. */
  describe: string;
}

export function targetFromUrl(url: string | undefined): TargetDatabase {
  if (!url) {
    throw new HopError('upgrade needs the database to upgrade', {
      hint: 'give its URL with --database-url / the `database-url` input, or DATABASE_URL (from a secret): postgresql://USER:PASSWORD@HOST:PORT/DATABASE',
      code: 'missing-database-url',
    });
  }
  const address = addressFromUrl(url);
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
    throw connectionError(target.address, e);
  }
  client.on('error', () => undefined);
  return client;
}

export { quoteIdent };
