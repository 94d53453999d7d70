/**
 * The part of a DatabaseServer common to a throwaway cluster and a given server: one
 * admin connection, databases created and dropped by name, and a record of what hop-ci
 * created so that `close()` leaves nothing behind.
 */
import pg from 'pg';
import { HopError } from '../../core/errors.js';
import type { DatabaseServer } from '../../ports.js';

/** How to reach a server (no database): both as a pg config and as libpq variables. */
export interface ServerAddress {
  pg: { host: string; port: number; user: string; password?: string } & Pick<
    pg.ClientConfig,
    'ssl' | 'connectionTimeoutMillis' | 'options' | 'keepAlive' | 'keepAliveInitialDelayMillis' | 'client_encoding'
  >;
  /** PGHOST, PGPORT, PGUSER, PGPASSWORD, … for psql, pg_dump, Python. No PGDATABASE. */
  env: Record<string, string>;
  /** Database to connect to for CREATE/DROP DATABASE. */
  maintenanceDb: string;
  url(database: string): string;
  /** For messages: where the server is, without credentials. */
  describe: string;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A pg Client that can never crash the process with an unhandled 'error' event. */
export function newClient(config: pg.ClientConfig): pg.Client {
  const client = new pg.Client(config);
  // A server shut down under it (57P01 on SIGTERM), a dropped socket: the query in flight
  // fails with the error, and an idle client has nothing to report to.
  client.on('error', () => undefined);
  return client;
}

/** `otherwise`: what else the user can do, added to the hint (e.g. leave hop-ci its own server). */
export async function connectClient(address: ServerAddress, database: string, otherwise?: string): Promise<pg.Client> {
  const client = newClient({ ...address.pg, database });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw connectionError(address, e, otherwise);
  }
  return client;
}

export function connectionError(address: ServerAddress, e: unknown, otherwise?: string): HopError {
  const reason = e instanceof Error ? e.message : String(e);
  return new HopError(`cannot connect to PostgreSQL at ${address.describe}: ${reason}`, {
    kind: 'failed',
    hint: `check that the server is running and that DATABASE_URL / --database-url or the PG* variables (PGHOST, PGPORT, PGUSER, PGPASSWORD) point at it${otherwise ? `; ${otherwise}` : ''}`,
    code: 'db-connect',
  });
}

export class ManagedServer implements DatabaseServer {
  readonly env: Readonly<Record<string, string>>;
  private readonly created = new Set<string>();
  private closing?: Promise<void>;
  /** One admin connection: its queries go one after the other (pg deprecates overlapping ones). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly address: ServerAddress,
    readonly majorVersion: number,
    private readonly admin: pg.Client,
    /** Stops what hop-ci started (the throwaway cluster); nothing for a given server. */
    private readonly stop: () => Promise<void>,
    /** A throwaway cluster goes whole: no need to drop its databases one by one. */
    private readonly dropOnClose: boolean,
  ) {
    this.env = { ...address.env };
  }

  url(database: string): string {
    return this.address.url(database);
  }

  async createDatabase(name: string, options: { template?: string } = {}): Promise<void> {
    let sql = `CREATE DATABASE ${quoteIdent(name)}`;
    // The default strategy: bench/apply.bench.ts measured FILE_COPY no faster on a small template.
    if (options.template) sql += ` TEMPLATE ${quoteIdent(options.template)}`;
    this.created.add(name);
    try {
      await this.adminQuery(sql);
    } catch (e) {
      this.created.delete(name);
      throw new HopError(`cannot create database ${name} on ${this.address.describe}: ${e instanceof Error ? e.message : String(e)}`, {
        kind: 'failed',
        hint: 'the user hop-ci connects as needs the CREATEDB privilege on that server',
        code: 'db-create',
      });
    }
  }

  async dropDatabase(name: string): Promise<void> {
    // WITH (FORCE) (PostgreSQL 13+): a test that left a connection open must not keep the database alive.
    const force = this.majorVersion >= 13 ? ' WITH (FORCE)' : '';
    await this.adminQuery(`DROP DATABASE IF EXISTS ${quoteIdent(name)}${force}`);
    this.created.delete(name);
  }

  private adminQuery(sql: string): Promise<unknown> {
    const next = this.queue.then(() => this.admin.query(sql));
    this.queue = next.catch(() => undefined);
    return next;
  }

  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<void> {
    try {
      if (this.dropOnClose) {
        for (const name of [...this.created].reverse()) {
          await this.dropDatabase(name).catch(() => undefined);
        }
      }
    } finally {
      await this.admin.end().catch(() => undefined);
      await this.stop();
    }
  }
}

export async function serverMajorVersion(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
  return Math.floor(Number(rows[0]!.server_version_num) / 10000);
}

/** A client on database `name` of any DatabaseServer (ours: by address; others: by URL). */
export async function connectDatabase(server: DatabaseServer, name: string): Promise<pg.Client> {
  if (server instanceof ManagedServer) return connectClient(server.address, name);
  const client = newClient({ connectionString: server.url(name) });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new HopError(`cannot connect to database ${name}: ${e instanceof Error ? e.message : String(e)}`, {
      kind: 'failed',
      code: 'db-connect',
    });
  }
  return client;
}
