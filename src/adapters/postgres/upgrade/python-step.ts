/**
 * Runs a patch's `.py` file for an upgrade: the patch folder as it is at the release's
 * tag is written to a temp folder (the working directory), the connection is in the
 * environment (PG* variables, DATABASE_URL, and a half_orm connection file under
 * HALFORM_CONF_DIR named after the project's config name), the checkout on PYTHONPATH.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HopError } from '../../../core/errors.js';
import type { Env } from '../binaries.js';
import { toolEnv } from './backup.js';
import type { TargetDatabase } from './target.js';

export interface PythonRun {
  python: string;
  /** Name of the file inside `folder`. */
  fileName: string;
  /** Repository path of the file, for messages. */
  repoPath: string;
  folder: Map<string, Buffer>;
  target: TargetDatabase;
  databaseUrl: string;
  projectRoot: string;
  dbConfigName: string;
  env: Env;
  log: (m: string) => void;
}

function halfOrmConf(t: TargetDatabase): string {
  const pg = t.address.pg;
  return [
    '[database]',
    `name = ${t.database}`,
    `user = ${pg.user}`,
    ...(pg.password ? [`password = ${pg.password}`] : []),
    `host = ${pg.host}`,
    `port = ${pg.port}`,
    'production = True',
    '',
  ].join('\n');
}

export async function runPythonFile(run: PythonRun): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hop-ci-py-'));
  try {
    const work = path.join(dir, 'patch');
    const conf = path.join(dir, 'conf');
    await mkdir(work, { recursive: true });
    for (const [name, content] of run.folder) await writeFile(path.join(work, name), content);
    await mkdir(conf, { recursive: true, mode: 0o700 });
    await writeFile(path.join(conf, run.dbConfigName), halfOrmConf(run.target), { mode: 0o600 });
    const base = toolEnv(run.env, run.target, 'hop-ci upgrade python');
    const env = {
      ...base,
      DATABASE_URL: run.databaseUrl,
      HALFORM_CONF_DIR: conf,
      PYTHONPATH: [run.projectRoot, run.env['PYTHONPATH']].filter(Boolean).join(path.delimiter),
    };
    const result = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(run.python, [run.fileName], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (b: Buffer) => (output += b.toString()));
      child.stderr.on('data', (b: Buffer) => (output += b.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, output }));
    });
    if (result.output.trim()) run.log(result.output.trimEnd());
    if (result.code !== 0) {
      throw new HopError(`${run.repoPath} failed (exit ${result.code}): ${result.output.trim().split('\n').slice(-3).join(' | ')}`, {
        kind: 'failed',
        file: run.repoPath,
        hint: 'the SQL of its release is committed; fix the script (or the data it needs) and run the upgrade again: it resumes with this file',
        code: 'upgrade-python',
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
