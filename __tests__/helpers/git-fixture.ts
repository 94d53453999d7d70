/**
 * Real git repositories for promotion tests: a bare origin, a "dev" clone that plays
 * half-orm-dev between promotions (create a release, add and merge patches, reopen a
 * hotfix — each with half-orm-dev's commit messages and its `.hop/` sync), and fresh
 * shallow, detached clones that play the CI checkout. Plus a recording CI provider and a
 * fake release validator for tests that do not need PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { GitCli } from '../../src/adapters/git.js';
import { FsWorkspace } from '../../src/adapters/workspace-fs.js';
import { executeStage } from '../../src/stages/execute.js';
import { runPromotion, type PromotionDeps } from '../../src/stages/promotion/run-promotion.js';
import type { CiProvider, ReleaseValidator, StageContext, StageResult, ValidatedDatabase } from '../../src/ports.js';
import { git, tempDir, writeProject, type ProjectSpec } from './project.js';

export const HOP_A32 = '1.0.0-a32';
/** A version before hop switched to `.postN` hotfixes (1.0.0-a19). */
export const HOP_A18 = '1.0.0-a18';

export function configFor(hopVersion: string): string {
  return `[halfORM]\nhop_version = ${hopVersion}\ngit_origin = https://github.com/acme/hopdemo.git\ndevel = True\npackage_name = hopdemo\n`;
}

export interface HopRepo {
  dir: string;
  origin: string;
  /** The clone that plays half-orm-dev. */
  dev: string;
  cleanup(): void;
}

/** A bare origin whose `ho-prod` holds `spec` as `[HOP] Initial commit (release: 0.0.0)`, and a dev clone. */
export function initHopRepo(spec: ProjectSpec = {}): HopRepo {
  const dir = tempDir('hop-ci-git-');
  const origin = path.join(dir, 'origin.git');
  const dev = path.join(dir, 'dev');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'ho-prod', origin]);
  mkdirSync(dev);
  git(dev, 'init', '-q', '-b', 'ho-prod');
  writeProject({ files: { 'Patches/README.md': 'Patch folders.\n', '.hop/releases/README.md': 'Release files.\n' }, ...spec }, dev);
  git(dev, 'add', '-A');
  git(dev, 'commit', '-q', '-m', '[HOP] Initial commit (release: 0.0.0)');
  git(dev, 'remote', 'add', 'origin', origin);
  git(dev, 'push', '-q', 'origin', 'ho-prod');
  return { dir, origin, dev, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Points a bare repository at a fixture bundle's refs. */
export function originFromBundle(bundle: string, dir = tempDir('hop-ci-git-')): HopRepo {
  const origin = path.join(dir, 'origin.git');
  const dev = path.join(dir, 'dev');
  execFileSync('git', ['clone', '-q', '--mirror', bundle, origin]);
  execFileSync('git', ['clone', '-q', '-b', 'ho-prod', origin, dev]);
  return { dir, origin, dev, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh CI checkout: shallow (depth 1), detached at `branch`'s tip, like actions/checkout. */
export function ciCheckout(repo: HopRepo, branch = 'ho-prod'): string {
  const ci = path.join(repo.dir, `ci-${Math.random().toString(36).slice(2, 8)}`);
  execFileSync('git', ['clone', '-q', '--depth', '1', '--no-tags', '-b', branch, `file://${repo.origin}`, ci]);
  git(ci, 'checkout', '-q', '--detach');
  return ci;
}

// ---------------------------------------------------------------- half-orm-dev's acts
// The acts live with the demo, which plays the same developer (src/demo/hop-acts.ts).
export { addPatch, amendPatch, createRelease, mergePatch, reopenHotfix } from '../../src/demo/hop-acts.js';

// ---------------------------------------------------------------- reading origin

/** Every ref of the origin: short name → object id (tags: the tag object). */
export function originRefs(repo: HopRepo): Map<string, string> {
  const out = git(repo.origin, 'for-each-ref', '--format=%(objectname) %(refname)');
  return new Map(
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [id, ref] = l.split(' ') as [string, string];
        return [ref.replace(/^refs\/(heads|tags)\//, (_m, k: string) => (k === 'tags' ? 'tag:' : '')), id];
      }),
  );
}

export function show(repo: HopRepo, spec: string): string {
  return execFileSync('git', ['show', spec], { cwd: repo.origin, encoding: 'utf8' });
}

/** `mode path` lines of a commit's tree under `.hop` and `Patches`. */
export function treeOf(repo: HopRepo, rev: string): string[] {
  return git(repo.origin, 'ls-tree', '-r', rev, '--', '.hop', 'Patches')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [meta, p] = l.split('\t') as [string, string];
      return `${meta.split(' ')[0]} ${p}`;
    });
}

export function subject(repo: HopRepo, rev: string): string {
  return git(repo.origin, 'log', '-1', '--format=%s', rev);
}

export function parents(repo: HopRepo, rev: string): string[] {
  return git(repo.origin, 'log', '-1', '--format=%P', rev).split(' ').filter(Boolean);
}

/** An annotated tag's target commit and message. */
export function tagInfo(repo: HopRepo, tag: string): { type: string; target: string; message: string } {
  return {
    type: git(repo.origin, 'cat-file', '-t', `refs/tags/${tag}`),
    target: git(repo.origin, 'rev-parse', `refs/tags/${tag}^{commit}`),
    message: git(repo.origin, 'tag', '-l', '--format=%(contents)', tag).trim(),
  };
}

// ---------------------------------------------------------------- running a promotion

export class RecordingCi implements CiProvider {
  readonly name = 'local' as const;
  readonly context = {};
  readonly outputs: Record<string, string> = {};
  readonly logs: string[] = [];
  readonly errors: string[] = [];
  readonly secrets: string[] = [];
  failed?: string;

  constructor(private readonly inputs: Record<string, string | undefined> = {}) {}
  input(name: string): string | undefined {
    const v = this.inputs[name];
    return v === '' ? undefined : v;
  }
  setSecret(value: string): void {
    this.secrets.push(value);
  }
  info(message: string): void {
    this.logs.push(message);
  }
  warning(message: string): void {
    this.logs.push(`warning: ${message}`);
  }
  error(message: string): void {
    this.errors.push(message);
  }
  debug(): void {}
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.logs.push(`▸ ${title}`);
    return fn();
  }
  setOutput(name: string, value: string): void {
    this.outputs[name] = value;
  }
  async summary(markdown: string): Promise<void> {
    this.logs.push(markdown);
  }
  async upsertComment(): Promise<void> {}
  setFailed(message: string): void {
    this.failed = message;
  }
}

export interface FakeValidator extends ReleaseValidator {
  calls: Array<{ root: string; version: string; stagedFolders: string[] }>;
}

/** Validates nothing; records what it was asked, sees which staged folders the tree has, and dumps fixed text. */
export function fakeValidator(
  options: { fail?: string; schema?: (version: string) => string; metadata?: (variant: string, version: string) => string } = {},
): FakeValidator {
  const calls: FakeValidator['calls'] = [];
  return {
    calls,
    async validateRelease<T>(request: { root: string; version: string }, use?: (db: ValidatedDatabase) => Promise<T>) {
      const staged = execFileSync('ls', [path.join(request.root, 'Patches', 'staged')], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean);
      calls.push({ root: request.root, version: request.version, stagedFolders: staged });
      if (options.fail) return { ok: false, failures: [{ patch: 'x', message: options.fail }], summary: `failed: ${options.fail}` };
      const db = {
        name: 'fake',
        server: {} as ValidatedDatabase['server'],
        dumpSchema: async () =>
          options.schema?.(request.version) ?? `-- schema of ${request.version}\n\\restrict abc\nCREATE TABLE t ();\n`,
        dumpMetadata: async (variant: string) => options.metadata?.(variant, request.version) ?? `-- ${variant} of ${request.version}\n`,
      } as ValidatedDatabase;
      const value = use ? await use(db) : undefined;
      return { ok: true, failures: [], summary: 'ok', ...(value !== undefined ? { value } : {}) };
    },
  };
}

export interface PromotionRun {
  exitCode: number;
  result?: StageResult;
  ci: RecordingCi;
}

/** Runs promote-<kind> in `cwd` the way the CLI does (executeStage), with `deps` overriding the real ones. */
export async function promote(
  kind: 'rc' | 'prod' | 'hotfix',
  cwd: string,
  inputs: Record<string, string> = {},
  deps: Partial<Omit<PromotionDeps, 'validator'>> & { validator?: ReleaseValidator | ((ctx: StageContext) => ReleaseValidator) } = {},
  extraEnv: Record<string, string> = {},
): Promise<PromotionRun> {
  const ci = new RecordingCi(inputs);
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', ...extraEnv };
  const ctx: StageContext = { cwd, workspace: new FsWorkspace(), clock: { now: () => Date.now() }, ci, env };
  const validator = typeof deps.validator === 'function' ? deps.validator(ctx) : deps.validator;
  const full: PromotionDeps = {
    git: deps.git ?? new GitCli({ env }),
    validator: validator ?? fakeValidator(),
    recordRelease: deps.recordRelease ?? (async () => {}),
    ...(deps.changeRequests ? { changeRequests: deps.changeRequests } : {}),
  };
  const { exitCode, result } = await executeStage((c) => runPromotion(c, kind, full), ctx, { write: () => {} });
  return { exitCode, ...(result ? { result } : {}), ci };
}
