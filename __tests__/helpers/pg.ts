/**
 * PostgreSQL for tests: one throwaway cluster per test file (started once, closed in
 * `after.always`), a recording CI provider, the `hopdemo` stand-in the fixtures' `.py`
 * patch imports, and probes for leftovers (processes, temp folders, databases).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEphemeralCluster } from '../../src/adapters/postgres/ephemeral.js';
import type { CiProvider, DatabaseServer, SourceLocation, StageContext } from '../../src/ports.js';
import { FsWorkspace } from '../../src/adapters/workspace-fs.js';
import { systemClock } from '../../src/adapters/clock.js';
import { tempDir } from './project.js';

let shared: Promise<DatabaseServer> | undefined;

/** The file's cluster, started on first use. Close it with `closeSharedCluster` in `test.after.always`. */
export function sharedCluster(): Promise<DatabaseServer> {
  shared ??= startEphemeralCluster();
  return shared;
}

export async function closeSharedCluster(): Promise<void> {
  if (shared) await (await shared).close();
  shared = undefined;
}

export async function query<T extends pg.QueryResultRow = pg.QueryResultRow>(
  server: DatabaseServer,
  database: string,
  sql: string,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: server.url(database) });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Databases hop-ci created (names start with hop_ci_) still on the server. */
export async function hopDatabases(server: DatabaseServer): Promise<string[]> {
  const rows = await query<{ datname: string }>(server, 'postgres', "SELECT datname FROM pg_database WHERE datname LIKE 'hop\\_ci\\_%'");
  return rows.map((r) => r.datname);
}

/** A `hopdemo` package whose MODEL.execute_query(sql) runs psql on the PG* database. */
export function hopdemoStandIn(): string {
  const dir = tempDir('hop-ci-py-');
  mkdirSync(path.join(dir, 'hopdemo'));
  writeFileSync(
    path.join(dir, 'hopdemo', '__init__.py'),
    [
      '"""Stand-in for the generated hopdemo package (the fixtures do not carry it)."""',
      'import subprocess',
      '',
      'class _Model:',
      '    def execute_query(self, sql):',
      '        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True)',
      '',
      'MODEL = _Model()',
      '',
    ].join('\n'),
  );
  return dir;
}

export interface RecordingCi extends CiProvider {
  lines: string[];
  errors: Array<{ message: string; at?: SourceLocation }>;
  outputs: Record<string, string>;
  secrets: string[];
  inputs: Record<string, string>;
}

export function recordingCi(inputs: Record<string, string> = {}, context: CiProvider['context'] = {}): RecordingCi {
  const ci: RecordingCi = {
    name: 'local',
    context,
    lines: [],
    errors: [],
    outputs: {},
    secrets: [],
    inputs,
    input: (name) => (inputs[name] === undefined || inputs[name] === '' ? undefined : inputs[name]),
    setSecret: (v) => void ci.secrets.push(v),
    info: (m) => void ci.lines.push(m),
    warning: (m) => void ci.lines.push(`warning: ${m}`),
    error: (message, at) => void ci.errors.push({ message, ...(at ? { at } : {}) }),
    debug: () => undefined,
    group: async (title, fn) => {
      ci.lines.push(`▸ ${title}`);
      return fn();
    },
    setOutput: (n, v) => void (ci.outputs[n] = v),
    summary: async () => undefined,
    upsertComment: async () => undefined,
    setFailed: () => undefined,
  };
  return ci;
}

export function stageContext(cwd: string, ci: CiProvider, env: Record<string, string | undefined>): StageContext {
  return { cwd, workspace: new FsWorkspace(), clock: systemClock, ci, env };
}

/** Postmasters whose data folder is a hop-ci temp folder. */
export function hopPostmasters(): string[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return out
    .split('\n')
    .filter((l) => /postgres -D \S*hop-ci-pg-/.test(l))
    .filter((l) => !/^\s*\d+\s+Z/.test(l)); // zombies are gone already, only not reaped
}

/** hop-ci's throwaway cluster folders present now (in /dev/shm and the temp dir). */
export function clusterFolders(): string[] {
  const found: string[] = [];
  for (const base of ['/dev/shm', process.env['TMPDIR'] ?? '/tmp']) {
    try {
      for (const n of readdirSync(base)) if (n.startsWith('hop-ci-pg-')) found.push(path.join(base, n));
    } catch {
      // no such base
    }
  }
  return found;
}

/** half_orm_meta's release table and view, as half-orm-dev creates them, at release 0.0.0. */
export const HALF_ORM_META_SQL = `
CREATE SCHEMA half_orm_meta;
CREATE SCHEMA "half_orm_meta.view";
CREATE TABLE half_orm_meta.hop_release (
  major integer NOT NULL, minor integer NOT NULL, patch integer NOT NULL,
  pre_release text DEFAULT '' NOT NULL, pre_release_num text DEFAULT '' NOT NULL,
  date date DEFAULT CURRENT_DATE, "time" time(0) with time zone DEFAULT CURRENT_TIME,
  changelog text, commit text, dbid text, hop_release text,
  PRIMARY KEY (major, minor, patch, pre_release, pre_release_num));
CREATE VIEW "half_orm_meta.view".hop_last_release AS SELECT major, minor, patch, pre_release, pre_release_num
  FROM half_orm_meta.hop_release ORDER BY major DESC, minor DESC, patch DESC, pre_release DESC, pre_release_num DESC LIMIT 1;
INSERT INTO half_orm_meta.hop_release (major, minor, patch, changelog) VALUES (0, 0, 0, 'Initial release');
`;

/** Runs the upgrade stage in-process as the CLI would, with `inputs`; returns its exit code and output. */
/** `onOutput`: sees the run's standard output as it grows (to act at a given point of the run). */
export async function runUpgradeStage(
  work: string,
  inputs: Record<string, string>,
  onOutput?: (all: string) => void,
  extraEnv: Record<string, string | undefined> = {},
): Promise<{ exitCode: number; out: string; err: string; outputs: Record<string, string> }> {
  const { Writable } = await import('node:stream');
  const { LocalProvider } = await import('../../src/adapters/ci/local.js');
  const { executeStage } = await import('../../src/stages/execute.js');
  const { upgradeStage } = await import('../../src/stages/upgrade.js');
  const sink = (onText?: (all: string) => void) => {
    let text = '';
    const write = (c: unknown, cb: () => void) => {
      text += String(c);
      onText?.(text);
      cb();
    };
    return { stream: new Writable({ write: (c, _e, cb) => write(c, cb) }), text: () => text };
  };
  const out = sink(onOutput);
  const err = sink();
  const env = { ...process.env, DATABASE_URL: undefined, ...extraEnv };
  const ci = new LocalProvider({ inputs, env, stdout: out.stream, stderr: err.stream });
  const outputs: Record<string, string> = {};
  ci.setOutput = ((name: string, value: string) => {
    outputs[name] = value;
  }) as typeof ci.setOutput;
  const { exitCode } = await executeStage(
    upgradeStage,
    { cwd: work, workspace: new FsWorkspace(), clock: systemClock, ci, env },
    { write: () => undefined },
  );
  return { exitCode, out: out.text(), err: err.text(), outputs };
}
