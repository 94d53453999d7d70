/**
 * The DatabaseServer for a run: the server given by `--database-url` / `DATABASE_URL` or
 * the PG* variables (a CI service container; hop-ci only creates and drops its own
 * databases there), else a throwaway cluster hop-ci starts and removes.
 */
import { HopError } from '../../core/errors.js';
import type { DatabaseServer } from '../../ports.js';
import type { Env } from './binaries.js';
import { startEphemeralCluster } from './ephemeral.js';
import { onInterrupt } from './exit-cleanup.js';
import { connectionSettings } from './libpq-params.js';
import { ManagedServer, connectClient, serverMajorVersion, type ServerAddress } from './managed-server.js';

export interface OpenServerOptions {
  databaseUrl?: string;
  env: Env;
  log?: (m: string) => void;
}

/** PG* variables that say "a server is given" (PGUSER alone may just be a habit). */
const SERVER_VARIABLES = ['PGHOST', 'PGHOSTADDR', 'PGSERVICE'];
/** libpq variables passed on to psql, pg_dump and the tests when a server is given by them. */
const PASSED_VARIABLES = [
  'PGHOST',
  'PGHOSTADDR',
  'PGPORT',
  'PGUSER',
  'PGPASSWORD',
  'PGPASSFILE',
  'PGSERVICE',
  'PGSERVICEFILE',
  'PGSSLMODE',
  'PGSSLROOTCERT',
  'PGSSLCERT',
  'PGSSLKEY',
  'PGCONNECT_TIMEOUT',
  'PGAPPNAME',
];

export async function openDatabaseServer(options: OpenServerOptions): Promise<DatabaseServer> {
  const url = options.databaseUrl || options.env['DATABASE_URL'];
  let address: ServerAddress | undefined;
  if (url) address = addressFromUrl(url);
  else if (SERVER_VARIABLES.some((v) => options.env[v])) address = addressFromVariables(options.env);
  if (!address) return startEphemeralCluster({ ...(options.log ? { log: options.log } : {}), env: options.env });

  const admin = await connectClient(
    address,
    address.maintenanceDb,
    'or leave them all unset to let hop-ci start a throwaway PostgreSQL of its own',
  );
  const majorVersion = await serverMajorVersion(admin);
  options.log?.(`using PostgreSQL ${majorVersion} at ${address.describe}`);
  // Interrupted: drop the databases we created there (close() does), then let the process go.
  let unregister = () => undefined as void;
  const server = new ManagedServer(address, majorVersion, admin, async () => unregister(), true);
  unregister = onInterrupt(() => server.close());
  return server;
}

function sslFor(mode: string | undefined): ServerAddress['pg']['ssl'] {
  if (!mode || mode === 'disable' || mode === 'allow' || mode === 'prefer') return undefined;
  // libpq's `require` encrypts without checking the certificate; verify-* check it.
  return mode === 'require' ? { rejectUnauthorized: false } : true;
}

function buildUrl(a: { user: string; password?: string; host: string; port: number; params?: URLSearchParams }, db: string): string {
  const auth = `${encodeURIComponent(a.user)}${a.password !== undefined ? `:${encodeURIComponent(a.password)}` : ''}@`;
  // A socket folder is a host that starts with '/': libpq reads it percent-encoded.
  const host = a.host.startsWith('/') ? encodeURIComponent(a.host) : a.host.includes(':') ? `[${a.host}]` : a.host;
  const query = a.params && [...a.params.keys()].length ? `?${a.params.toString()}` : '';
  return `postgresql://${auth}${host}:${a.port}/${encodeURIComponent(db)}${query}`;
}

export function addressFromUrl(url: string): ServerAddress {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw badUrl();
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw badUrl();
  const params = new URLSearchParams(u.search);
  const host = params.get('host') ?? (decodeURIComponent(u.hostname.replace(/^\[|\]$/g, '')) || 'localhost');
  const port = Number(params.get('port') ?? (u.port || 5432));
  const user = decodeURIComponent(u.username) || params.get('user') || 'postgres';
  const password = u.password ? decodeURIComponent(u.password) : (params.get('password') ?? undefined);
  const maintenanceDb = decodeURIComponent(u.pathname.replace(/^\//, '')) || params.get('dbname') || 'postgres';
  const settings = connectionSettings(params);
  // Every other parameter travels with the URL handed to Python and the tests.
  const kept = new URLSearchParams([...params].filter(([name]) => !['host', 'port', 'user', 'password', 'dbname'].includes(name)));
  const env: Record<string, string> = { ...settings.env, PGHOST: host, PGPORT: String(port), PGUSER: user };
  if (password !== undefined) env['PGPASSWORD'] = password;
  return {
    pg: { ...settings.pg, host, port, user, ...(password !== undefined ? { password } : {}) },
    env,
    maintenanceDb,
    url: (db) => buildUrl({ user, ...(password !== undefined ? { password } : {}), host, port, params: kept }, db),
    describe: `${host}:${port}`,
  };
}

function addressFromVariables(env: Env): ServerAddress {
  const host = env['PGHOST'] || env['PGHOSTADDR'] || 'localhost';
  const port = Number(env['PGPORT'] || 5432);
  const user = env['PGUSER'] || 'postgres';
  const password = env['PGPASSWORD'] || undefined;
  const passed: Record<string, string> = {};
  for (const name of PASSED_VARIABLES) if (env[name]) passed[name] = env[name]!;
  const ssl = sslFor(env['PGSSLMODE']);
  const kept = new URLSearchParams();
  if (env['PGSSLMODE']) kept.set('sslmode', env['PGSSLMODE']);
  return {
    pg: { host, port, user, ...(password ? { password } : {}), ...(ssl !== undefined ? { ssl } : {}) },
    env: { ...passed, PGHOST: host, PGPORT: String(port), PGUSER: user },
    maintenanceDb: env['PGDATABASE'] || 'postgres',
    url: (db) => buildUrl({ user, ...(password ? { password } : {}), host, port, params: kept }, db),
    describe: `${host}:${port}`,
  };
}

function badUrl(): HopError {
  // Never echo the URL: it may carry a password.
  return new HopError('the database URL is not a postgres:// or postgresql:// URL', {
    hint: 'write it as postgresql://USER:PASSWORD@HOST:PORT/DATABASE (--database-url or DATABASE_URL)',
    code: 'bad-database-url',
  });
}
