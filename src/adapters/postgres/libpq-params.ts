/**
 * The parameters of a libpq connection URL (`?sslmode=…&connect_timeout=…`), honoured the
 * same way by hop-ci's own connections (node-postgres) and by the libpq tools it runs
 * (pg_dump, pg_restore, psql, Python), which get them as their PG* variables: the URL,
 * which may hold a password, never reaches a command line.
 */
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { HopError } from '../../core/errors.js';

/** libpq URL parameter → the variable libpq reads it from (https://www.postgresql.org/docs/current/libpq-envars.html). */
const VARIABLES: Readonly<Record<string, string>> = {
  host: 'PGHOST',
  hostaddr: 'PGHOSTADDR',
  port: 'PGPORT',
  dbname: 'PGDATABASE',
  user: 'PGUSER',
  password: 'PGPASSWORD',
  passfile: 'PGPASSFILE',
  channel_binding: 'PGCHANNELBINDING',
  service: 'PGSERVICE',
  options: 'PGOPTIONS',
  application_name: 'PGAPPNAME',
  sslmode: 'PGSSLMODE',
  requiressl: 'PGREQUIRESSL',
  sslcompression: 'PGSSLCOMPRESSION',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
  sslcertmode: 'PGSSLCERTMODE',
  sslrootcert: 'PGSSLROOTCERT',
  sslcrl: 'PGSSLCRL',
  sslcrldir: 'PGSSLCRLDIR',
  sslsni: 'PGSSLSNI',
  requirepeer: 'PGREQUIREPEER',
  require_auth: 'PGREQUIREAUTH',
  ssl_min_protocol_version: 'PGSSLMINPROTOCOLVERSION',
  ssl_max_protocol_version: 'PGSSLMAXPROTOCOLVERSION',
  gssencmode: 'PGGSSENCMODE',
  krbsrvname: 'PGKRBSRVNAME',
  gsslib: 'PGGSSLIB',
  gssdelegation: 'PGGSSDELEGATION',
  connect_timeout: 'PGCONNECT_TIMEOUT',
  client_encoding: 'PGCLIENTENCODING',
  target_session_attrs: 'PGTARGETSESSIONATTRS',
  load_balance_hosts: 'PGLOADBALANCEHOSTS',
};

/** libpq parameters that have no variable: network tuning, honoured by hop-ci's own connections only. */
const CONNECTION_ONLY = new Set([
  'keepalives',
  'keepalives_idle',
  'keepalives_interval',
  'keepalives_count',
  'tcp_user_timeout',
  'fallback_application_name',
]);

/** What libpq waits for a server by default is forever; an upgrade must not. */
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 15;

export interface ConnectionSettings {
  /** PG* variables for the libpq tools (host, port, user and password excluded: the caller sets those). */
  env: Record<string, string>;
  /** The same for node-postgres. */
  pg: Pick<
    pg.ClientConfig,
    'ssl' | 'connectionTimeoutMillis' | 'options' | 'keepAlive' | 'keepAliveInitialDelayMillis' | 'client_encoding'
  >;
}

const HANDLED_BY_CALLER = new Set(['host', 'hostaddr', 'port', 'dbname', 'user', 'password']);

/**
 * The settings of the URL's query. An unknown parameter is bad input (exit 2): libpq would
 * refuse it too, and hop-ci must not silently connect differently from psql.
 */
export function connectionSettings(params: URLSearchParams): ConnectionSettings {
  const env: Record<string, string> = {};
  const config: ConnectionSettings['pg'] = {};
  for (const [name, value] of params) {
    if (HANDLED_BY_CALLER.has(name)) continue;
    const variable = VARIABLES[name];
    if (!variable && !CONNECTION_ONLY.has(name)) {
      throw new HopError(`the database URL has a parameter libpq does not know: '${name}'`, {
        hint: 'remove it, or spell it as in https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-PARAMKEYWORDS',
        code: 'bad-database-url',
      });
    }
    if (variable) env[variable] = value;
  }
  const timeout = params.get('connect_timeout');
  if (timeout !== null) config.connectionTimeoutMillis = timeoutSeconds(timeout, 'connect_timeout in the database URL') * 1000;
  if (params.get('options')) config.options = params.get('options')!;
  if (params.get('client_encoding')) config.client_encoding = params.get('client_encoding')!;
  if (params.get('keepalives') === '0') config.keepAlive = false;
  else if (params.has('keepalives') || params.has('keepalives_idle')) {
    config.keepAlive = true;
    if (params.get('keepalives_idle')) config.keepAliveInitialDelayMillis = Number(params.get('keepalives_idle')) * 1000;
  }
  const ssl = sslConfig(params);
  if (ssl !== undefined) config.ssl = ssl;
  return { env, pg: config };
}

/** `connect_timeout` / PGCONNECT_TIMEOUT: whole seconds, 0 meaning "wait forever" as in libpq. */
export function timeoutSeconds(text: string, what: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isFinite(n)) {
    throw new HopError(`${what} must be a whole number of seconds, not '${text}'`, { code: 'bad-input' });
  }
  return n;
}

function readCertificate(file: string, parameter: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new HopError(`cannot read ${parameter} ${file}: ${(e as Error).message}`, {
      hint: `give the path of a PEM file readable by the job in the database URL's ${parameter}`,
      code: 'bad-database-url',
    });
  }
}

/** libpq's sslmode and certificate files as node's TLS options. */
function sslConfig(params: URLSearchParams): pg.ClientConfig['ssl'] {
  const mode = params.get('sslmode') ?? (params.get('requiressl') === '1' ? 'require' : undefined);
  if (!mode || mode === 'disable' || mode === 'allow' || mode === 'prefer') return undefined;
  const files: { ca?: string; cert?: string; key?: string } = {};
  if (params.get('sslrootcert') && params.get('sslrootcert') !== 'system')
    files.ca = readCertificate(params.get('sslrootcert')!, 'sslrootcert');
  if (params.get('sslcert')) files.cert = readCertificate(params.get('sslcert')!, 'sslcert');
  if (params.get('sslkey')) files.key = readCertificate(params.get('sslkey')!, 'sslkey');
  // libpq: `require` encrypts without checking the certificate (unless a root certificate is
  // given, then it checks it like verify-ca); verify-ca checks the chain; verify-full the host name too.
  if (mode === 'require' && !files.ca) return { ...files, rejectUnauthorized: false };
  if (mode === 'verify-full') return { ...files, rejectUnauthorized: true };
  return { ...files, rejectUnauthorized: true, checkServerIdentity: () => undefined };
}

/** Where the server is: the URL alone says it, never a stray PGHOST of the job. */
const FROM_URL_ONLY = new Set(['host', 'hostaddr', 'port', 'dbname', 'user', 'service']);

/**
 * The URL completed as libpq completes it: each parameter it lacks is taken from its PG*
 * variable (PGPASSWORD, PGPASSFILE, PGSSLROOTCERT, PGOPTIONS, …), and `connect_timeout`
 * defaults to 15 s rather than libpq's "forever".
 */
export function withLibpqDefaults(url: string, env: Readonly<Record<string, string | undefined>>): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url; // addressFromUrl refuses it with the right message
  }
  const params = u.searchParams;
  const hasPassword = u.password !== '' || params.has('password');
  for (const [name, variable] of Object.entries(VARIABLES)) {
    const value = env[variable];
    if (!value || FROM_URL_ONLY.has(name) || params.has(name) || (name === 'password' && hasPassword)) continue;
    params.set(name, value);
  }
  if (!params.has('connect_timeout')) params.set('connect_timeout', String(DEFAULT_CONNECT_TIMEOUT_SECONDS));
  return u.toString();
}
