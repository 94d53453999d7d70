/**
 * The drift check by catalog on a real PostgreSQL, over the real 04-hotfix fixture
 * (production 0.1.0, hotfix 0.1.0.post1 promoted by half-orm-dev without a schema dump).
 * "Production" databases are built as half-orm-dev's production clone builds them:
 * `psql -f schema-0.1.0.sql` then `metadata-0.1.0.sql`, as the role that owns the database.
 */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseServer } from '../src/ports.js';
import { executeStage } from '../src/stages/execute.js';
import { upgradeStage } from '../src/stages/upgrade.js';
import { loadState } from '../src/stages/load-state.js';
import { checkDrift } from '../src/stages/upgrade/drift-check.js';
import { GitReader } from '../src/adapters/git-read.js';
import { readDatabaseVersion } from '../src/adapters/postgres/upgrade/ledger.js';
import { libpqEnv } from '../src/adapters/postgres/psql.js';
import { resolvePosition } from '../src/core/upgrade-plan.js';
import { describeDrift } from '../src/core/upgrade-drift.js';
import { cloneFixture, fixturesAvailable, type FixtureClone } from './helpers/project.js';
import { closeSharedCluster, recordingCi, sharedCluster, stageContext, type RecordingCi } from './helpers/pg.js';

const run = fixturesAvailable() ? test.serial : test.skip;

let server: DatabaseServer;
let fixture: FixtureClone;
let counter = 0;
/** This file's own roles, on this file's own cluster. */
const suffix = randomBytes(3).toString('hex');
const APP = `app_${suffix}`;
const READONLY = `readonly_${suffix}`;
const PASSWORD = randomBytes(12).toString('hex');

test.before(async () => {
  if (!fixturesAvailable()) return;
  server = await sharedCluster();
  fixture = cloneFixture('04-hotfix.bundle', 'ho-prod');
  await adminQuery('postgres', `CREATE ROLE ${APP} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${PASSWORD}'`);
  await adminQuery('postgres', `CREATE ROLE ${READONLY} NOLOGIN`);
});

test.after.always(async () => {
  await closeSharedCluster();
  fixture?.cleanup();
});

async function adminQuery(db: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: server.url(db) });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function appUrl(db: string): string {
  const url = new URL(server.url(db));
  url.username = APP;
  url.password = PASSWORD;
  return url.toString();
}

/** A production database at 0.1.0 owned by the application role, restored as that role. */
async function productionDatabase(): Promise<string> {
  const name = `prod_${++counter}`;
  await adminQuery('postgres', `CREATE DATABASE ${name} OWNER ${APP}`);
  const env = { ...libpqEnv(server, name), PGUSER: APP, PGPASSWORD: PASSWORD };
  for (const file of ['schema-0.1.0.sql', 'metadata-0.1.0.sql'])
    execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', path.join(fixture.work, '.hop/model', file)], { env, stdio: 'pipe' });
  return name;
}

async function appQuery(db: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: appUrl(db) });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

/** The drift check alone, as the upgrade stage runs it, connected as the application role. */
async function drift(db: string) {
  const ci = recordingCi();
  const ctx = stageContext(fixture.work, ci, process.env);
  const state = await loadState(ctx);
  const live = new pg.Client({ connectionString: appUrl(db) });
  await live.connect();
  const git = new GitReader(state.root, process.env);
  try {
    const version = await readDatabaseVersion(live);
    const position = resolvePosition(version.recorded, version.ledger, state)!;
    return await checkDrift({
      ctx,
      git,
      state,
      position,
      live,
      refusePython: false,
      python: 'python3',
    });
  } finally {
    git.close();
    await live.end();
  }
}

async function upgrade(db: string, inputs: Record<string, string>): Promise<{ exitCode: number; ci: RecordingCi; summary: string }> {
  const ci = recordingCi({ 'database-url': appUrl(db), 'skip-backup': 'true', ...inputs });
  let summary = '';
  ci.summary = async (m) => void (summary += m);
  const env = { ...process.env, DATABASE_URL: undefined };
  const { exitCode } = await executeStage(upgradeStage, stageContext(fixture.work, ci, env), { write: () => undefined });
  return { exitCode, ci, summary };
}

run(
  'a production database restored from the recorded dumps, owned by a NOSUPERUSER NOCREATEDB role, is not drift and upgrades',
  async (t) => {
    const db = await productionDatabase();
    const report = await drift(db);
    t.is(report.status, 'none', report.differences.map(describeDrift).join('\n'));
    t.is(report.against, '.hop/model/schema-0.1.0.sql@v0.1.0');

    const up = await upgrade(db, {});
    t.is(up.exitCode, 0, JSON.stringify(up.ci.errors));
    t.is(up.ci.outputs['drift'], 'none');
    t.is(up.ci.outputs['to'], '0.1.0.post1');
    // Now at the hotfix level, which has no dump: the base dump plus the hotfix is what it should be.
    const after = await drift(db);
    t.is(after.against, '.hop/model/schema-0.1.0.sql@v0.1.0 + 0.1.0.post1');
    t.is(after.status, 'none', after.differences.map(describeDrift).join('\n'));
  },
);

run('grants, comments, REVOKE CREATE on public and statistics targets are not drift', async (t) => {
  const db = await productionDatabase();
  await appQuery(
    db,
    [
      `GRANT SELECT ON public.users TO ${READONLY}`,
      `GRANT USAGE ON SCHEMA public TO ${READONLY}`,
      "COMMENT ON SCHEMA public IS 'the application'",
      "COMMENT ON TABLE public.users IS 'people'",
      'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
      'ALTER TABLE public.users ALTER COLUMN name SET STATISTICS 500',
    ].join(';\n'),
  );
  const report = await drift(db);
  t.is(report.status, 'none', report.differences.map(describeDrift).join('\n'));
});

run('a hand-added column is drift, named, and the upgrade refuses with it in the log and the summary', async (t) => {
  const db = await productionDatabase();
  await appQuery(db, 'ALTER TABLE public.users ADD COLUMN nickname text; CREATE INDEX users_name_idx ON public.users (name)');
  const report = await drift(db);
  t.is(report.status, 'drift');
  t.deepEqual(report.differences.map(describeDrift), [
    'table public.users: column nickname only in the database',
    'table public.users: index users_name_idx only in the database',
  ]);
  const up = await upgrade(db, {});
  t.is(up.exitCode, 1);
  const message = up.ci.errors.map((e) => e.message).join('\n');
  t.regex(message, /the live schema differs from \.hop\/model\/schema-0\.1\.0\.sql@v0\.1\.0 \(2 differences\)/);
  t.regex(message, /table public\.users: column nickname only in the database/);
  t.regex(up.summary, /\| table public\.users: column nickname \| only in the database \|/);
  const ledger = await adminQuery(db, "SELECT to_regclass('hop_ci.applied_release') AS r");
  t.is(ledger.rows[0].r, null, 'nothing was changed');
});

run('a database recorded at the hotfix level but missing the hotfix is drift', async (t) => {
  const db = await productionDatabase();
  const base = await upgrade(db, { baseline: '0.1.0.post1' });
  t.is(base.exitCode, 0, JSON.stringify(base.ci.errors));
  const report = await drift(db);
  t.is(report.status, 'drift');
  t.deepEqual(report.differences.map(describeDrift), [
    'table public.users: column email: not null is (none) in the database, yes in the release',
  ]);
});
