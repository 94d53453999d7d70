/**
 * `hop-ci demo` (`npm run demo`): builds a sample hop project in a temp folder (a git
 * repository with a bare origin) and walks the whole pipeline on hop-ci's own ephemeral
 * PostgreSQL, each stage run as a user runs it (`hop-ci run <stage>` in a child process):
 * generate, plan, validate-patch (failing, then fixed), promote-rc, promote-prod, upgrade
 * of a "production" database with a backup, a hotfix, and upgrade again. It says what
 * each step did and how long it took, checks the end state, and cleans up after itself.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEphemeralCluster } from '../adapters/postgres/ephemeral.js';
import { connectDatabase } from '../adapters/postgres/managed-server.js';
import { dumpSchema, runPsqlFile } from '../adapters/postgres/psql.js';
import type { CommandArgs } from '../cli/commands.js';
import type { DatabaseServer } from '../ports.js';
import {
  addPatch,
  amendPatch,
  checkoutRemote,
  createRelease,
  fetchAll,
  git,
  initHopRepo,
  mergePatch,
  reopenHotfix,
  type HopRepo,
} from './hop-acts.js';
import { PATCHES, hasPytest, populateInitial } from './sample-project.js';
import { METADATA_0_0_0, SCHEMA_0_0_0 } from './half-orm-meta.js';

/** Variables that would point the stages at another server or CI: the demo is local. */
const CLEARED = [
  'DATABASE_URL',
  'HOP_DATABASE_URL',
  'PGHOST',
  'PGHOSTADDR',
  'PGPORT',
  'PGSERVICE',
  'PGDATABASE',
  'PGUSER',
  'PGPASSWORD',
  'GITHUB_ACTIONS',
  'GITLAB_CI',
  'HOP_STAGE',
];

export interface DemoResult {
  ok: boolean;
  folder: string;
  kept: boolean;
  steps: Array<{ step: string; exitCode: number; expected: number; ms: number }>;
  originBranches: string[];
  originTags: string[];
  releaseFiles: string[];
  production: { version: string | null; ledger: string[]; backups: string[] };
}

interface Io {
  out: (line: string) => void;
  stageStdio: 'inherit' | ['ignore', number, number];
}

function stageEnv(env: CommandArgs['env'], extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...env };
  for (const k of CLEARED) delete clean[k];
  return { ...clean, NO_COLOR: env['NO_COLOR'] ?? '', ...extra };
}

function runHopCi(args: string[], cwd: string, env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  // The CLI that runs the demo runs the stages: dist/cli.js under npx or npm run demo.
  const cli = process.argv[1]!;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env, stdio: io.stageStdio });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function queryProduction(server: DatabaseServer, db: string): Promise<{ version: string | null; ledger: string[] }> {
  const client = await connectDatabase(server, db);
  try {
    const v = await client.query<{ v: string }>(
      `SELECT major || '.' || minor || '.' || patch AS v FROM "half_orm_meta.view".hop_last_release`,
    );
    let ledger: string[] = [];
    const hasLedger = await client.query(
      `SELECT 1 FROM information_schema.tables WHERE table_schema = 'hop_ci' AND table_name = 'applied_release'`,
    );
    if (hasLedger.rowCount) {
      const rows = await client.query<{ release: string }>(`SELECT release FROM hop_ci.applied_release ORDER BY started_at`);
      ledger = rows.rows.map((r) => r.release);
    }
    return { version: v.rows[0]?.v ?? null, ledger };
  } finally {
    await client.end();
  }
}

export async function runDemo(args: CommandArgs): Promise<number> {
  const json = args.flags['json'] === 'true';
  const keep = args.flags['keep'] === 'true';
  const io: Io = json
    ? { out: (l) => process.stderr.write(`${l}\n`), stageStdio: ['ignore', 2, 2] }
    : { out: (l) => process.stdout.write(`${l}\n`), stageStdio: 'inherit' };
  const folder = mkdtempSync(path.join(tmpdir(), 'hop-ci-demo-'));
  const steps: DemoResult['steps'] = [];
  let repo: HopRepo | undefined;
  let prod: DatabaseServer | undefined;
  const backupDir = path.join(folder, 'backups');
  let n = 0;

  const step = async (title: string, expected: number, fn: () => Promise<number> | number): Promise<void> => {
    n += 1;
    io.out(`\n━━ ${n}. ${title}`);
    const t0 = performance.now();
    const code = await fn();
    const ms = Math.round(performance.now() - t0);
    steps.push({ step: title, exitCode: code, expected, ms });
    const verdict =
      code === expected ? (expected === 0 ? '✓ done' : `✓ failed as expected (exit ${code})`) : `✗ exit ${code}, expected ${expected}`;
    io.out(`   ${verdict} in ${(ms / 1000).toFixed(1)} s`);
    if (code !== expected) throw new Error(`demo step "${title}" ended with exit ${code} (expected ${expected})`);
  };

  try {
    io.out(`hop-ci demo — a sample hop project in ${folder}`);
    const withPytest = hasPytest();
    // The "production" server: a throwaway cluster that will hold hopdemo_prod. Release
    // 0.0.0's schema file is its pg_dump, as half-orm-dev writes it at `init`.
    prod = await startEphemeralCluster();
    await prod.createDatabase('hopdemo_prod');
    const initialSql = path.join(folder, 'half_orm_meta.sql');
    writeFileSync(initialSql, SCHEMA_0_0_0);
    await runPsqlFile(prod, 'hopdemo_prod', initialSql);
    const schema000 = await dumpSchema(prod, 'hopdemo_prod');
    let testCommand = '';
    repo = initHopRepo(path.join(folder, 'project'), (dev) => {
      testCommand = populateInitial(dev, withPytest, schema000);
    });
    const r = repo;
    const env = stageEnv(args.env);
    const run = (cwd: string, ...a: string[]) => runHopCi(a, cwd, env, io);

    await step('The developer opens release 0.1.0 and merges two patches (half-orm-dev, on a laptop)', 0, () => {
      createRelease(r, '0.1.0');
      addPatch(r, '0.1.0', '1-accounts', PATCHES['1-accounts']);
      mergePatch(r, '0.1.0', '1-accounts');
      addPatch(r, '0.1.0', '2-seed', PATCHES['2-seed']);
      mergePatch(r, '0.1.0', '2-seed');
      addPatch(r, '0.1.0', '3-balance', PATCHES['3-balance-broken']);
      io.out(`   origin: ho-prod, ho-release/0.1.0 (1-accounts, 2-seed staged), ho-patch/3-balance (candidate); tests: ${testCommand}`);
      return 0;
    });

    await step('hop-ci generate: the GitHub Actions and GitLab CI workflows, committed on ho-prod', 0, async () => {
      checkoutRemote(r, 'ho-prod');
      const code = await run(r.dev, 'generate', '--provider', 'both', '--test-command', testCommand);
      if (code !== 0) return code;
      git(r.dev, 'add', '-A');
      git(r.dev, 'commit', '-q', '-m', 'Add the hop-ci workflows');
      git(r.dev, 'push', '-q', 'origin', 'ho-prod');
      return run(r.dev, 'generate', '--check', '--provider', 'both', '--test-command', testCommand);
    });

    await step('hop-ci plan: what each stage would do now', 0, () => {
      checkoutRemote(r, 'ho-release/0.1.0');
      return run(r.dev, 'plan');
    });

    await step('validate-patch on ho-patch/3-balance: the SQL error is named with its file and line', 1, () => {
      checkoutRemote(r, 'ho-patch/3-balance');
      return run(r.dev, 'run', 'validate-patch', '--test-command', testCommand);
    });

    await step('The developer fixes the table name; validate-patch passes', 0, () => {
      amendPatch(r, '3-balance', PATCHES['3-balance-fixed'], 'fix the table name');
      checkoutRemote(r, 'ho-patch/3-balance');
      return run(r.dev, 'run', 'validate-patch', '--test-command', testCommand);
    });

    await step('The developer merges 3-balance (half-orm-dev)', 0, () => {
      mergePatch(r, '0.1.0', '3-balance');
      return 0;
    });

    /** A promotion from the release branch; the developer's clone then fetches what it pushed. */
    const promote = async (stage: 'promote-rc' | 'promote-prod' | 'promote-hotfix') => {
      checkoutRemote(r, 'ho-release/0.1.0');
      const code = await run(r.dev, 'run', stage, '--test-command', testCommand);
      fetchAll(r);
      return code;
    };

    await step('promote-rc: validates the release, writes 0.1.0-rc1.txt, tags v0.1.0-rc1, pushes atomically', 0, () =>
      promote('promote-rc'),
    );

    await step('promote-prod: merges into ho-prod, dumps the schema, writes 0.1.0.txt, tags v0.1.0', 0, () => promote('promote-prod'));

    io.out('\n   (production: hopdemo_prod on a throwaway cluster, at release 0.0.0)');
    const metadata = path.join(folder, 'metadata-0.0.0.sql');
    writeFileSync(metadata, METADATA_0_0_0);
    await runPsqlFile(prod, 'hopdemo_prod', metadata);
    const prodEnv = stageEnv(args.env, { DATABASE_URL: prod.url('hopdemo_prod') });
    const upgrade = () => runHopCi(['run', 'upgrade', '--backup-dir', backupDir], r.dev, prodEnv, io);

    await step('upgrade production to 0.1.0: lock, drift check, verified backup, one transaction per release', 0, () => {
      checkoutRemote(r, 'ho-prod');
      return upgrade();
    });

    await step('A hotfix: the developer reopens 0.1.0 and merges 4-email-index (half-orm-dev)', 0, () => {
      reopenHotfix(r, '0.1.0');
      addPatch(r, '0.1.0', '4-email-index', PATCHES['4-email-index']);
      mergePatch(r, '0.1.0', '4-email-index');
      return 0;
    });

    await step('promote-hotfix: 0.1.0.post1 merged into ho-prod, tagged, schema dumped', 0, () => promote('promote-hotfix'));

    await step('upgrade production again: 0.1.0 → 0.1.0.post1', 0, () => {
      checkoutRemote(r, 'ho-prod');
      return upgrade();
    });

    const result: DemoResult = {
      ok: true,
      folder,
      kept: keep,
      steps,
      originBranches: git(r.origin, 'for-each-ref', '--format=%(refname:short)', 'refs/heads/').split('\n').filter(Boolean),
      originTags: git(r.origin, 'for-each-ref', '--format=%(refname:short)', 'refs/tags/').split('\n').filter(Boolean),
      releaseFiles: git(r.origin, 'ls-tree', '--name-only', 'ho-prod', '.hop/releases/')
        .split('\n')
        .filter(Boolean)
        .map((f) => path.basename(f)),
      production: { ...(await queryProduction(prod, 'hopdemo_prod')), backups: existsSync(backupDir) ? readdirSync(backupDir) : [] },
    };
    io.out('\n━━ The end state');
    io.out(`   origin tags:      ${result.originTags.filter((t) => t.startsWith('v')).join(', ')}`);
    io.out(`   origin branches:  ${result.originBranches.join(', ')}`);
    io.out(`   release files:    ${result.releaseFiles.join(', ')}`);
    io.out(
      `   production:       half_orm_meta says ${result.production.version}; hop-ci's ledger: ${result.production.ledger.join(' → ')}`,
    );
    io.out(`   backups taken:    ${result.production.backups.length}`);
    io.out(`   total:            ${(steps.reduce((s, x) => s + x.ms, 0) / 1000).toFixed(1)} s`);
    if (keep) io.out(`   kept: ${folder} (origin: project/origin.git, developer clone: project/dev)`);
    if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (e) {
    io.out(`\ndemo failed: ${e instanceof Error ? e.message : String(e)}`);
    if (json)
      process.stdout.write(`${JSON.stringify({ ok: false, folder, steps, error: e instanceof Error ? e.message : String(e) }, null, 2)}\n`);
    return 1;
  } finally {
    await prod?.close();
    if (!keep) rmSync(folder, { recursive: true, force: true });
  }
}
