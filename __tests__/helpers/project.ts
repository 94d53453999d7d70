/**
 * Builds hop project trees in temp folders for tests, and opens the real
 * half-orm-dev fixtures from ../shared when they are there.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST_CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
export const DIST_ACTION = path.join(REPO_ROOT, 'dist', 'index.js');

export const DEFAULT_CONFIG = `[halfORM]
hop_version = 1.0.0-a32
git_origin = https://github.com/acme/hopdemo.git
devel = True
package_name = hopdemo
`;

export interface ProjectSpec {
  config?: string;
  /** File name in .hop/releases → text. */
  releases?: Record<string, string>;
  /** File name in .hop/model → text. */
  model?: Record<string, string>;
  /** Target of .hop/model/schema.sql (a symlink); null for none. Default schema-0.0.0.sql. */
  schemaLink?: string | null;
  /** Path under Patches/ (e.g. `staged/1-users`) → file name → text. */
  patches?: Record<string, Record<string, string>>;
  /** Any other file (path relative to the root) → text. */
  files?: Record<string, string>;
}

export const EMPTY_SCHEMA = '-- empty schema\n';

export function tempDir(prefix = 'hop-ci-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Writes a project tree into `root` (created when missing) and returns root. */
export function writeProject(spec: ProjectSpec, root = tempDir()): string {
  const write = (rel: string, text: string) => {
    const p = path.join(root, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  };
  write('.hop/config', spec.config ?? DEFAULT_CONFIG);
  mkdirSync(path.join(root, '.hop/releases'), { recursive: true });
  for (const [name, text] of Object.entries(spec.releases ?? {})) write(`.hop/releases/${name}`, text);
  const model = { 'schema-0.0.0.sql': EMPTY_SCHEMA, ...(spec.model ?? {}) };
  for (const [name, text] of Object.entries(model)) write(`.hop/model/${name}`, text);
  const link = spec.schemaLink === undefined ? 'schema-0.0.0.sql' : spec.schemaLink;
  if (link !== null) symlinkSync(link, path.join(root, '.hop/model/schema.sql'));
  for (const [dir, files] of Object.entries(spec.patches ?? {})) {
    for (const [name, text] of Object.entries(files)) write(`Patches/${dir}/${name}`, text);
  }
  for (const [rel, text] of Object.entries(spec.files ?? {})) write(rel, text);
  return root;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'test',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 'test',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  }).trim();
}

/** The fixtures folder from ../shared, or undefined in a clone that does not have it. */
export const FIXTURES_DIR: string | undefined = (() => {
  const p = path.resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'half-orm-dev');
  return existsSync(p) ? p : undefined;
})();

/**
 * Whether tests over the real fixtures must run. In CI (CI=true) the fixtures are beside
 * the checkout, so their absence is a failure, never a silent skip.
 */
export function fixturesAvailable(): boolean {
  if (!FIXTURES_DIR && process.env['CI']) {
    throw new Error('CI=true but ../shared/fixtures/half-orm-dev is missing: the fixture tests cannot run');
  }
  return FIXTURES_DIR !== undefined;
}

export interface FixtureClone {
  origin: string;
  work: string;
  cleanup(): void;
}

/** A bare origin mirrored from a fixture bundle, and a clone of `branch` as the CI checkout. */
export function cloneFixture(bundle: string, branch: string): FixtureClone {
  if (!FIXTURES_DIR) throw new Error('fixtures are not available');
  const dir = tempDir('hop-ci-fixture-');
  const origin = path.join(dir, 'origin.git');
  const work = path.join(dir, 'work');
  execFileSync('git', ['clone', '-q', '--mirror', path.join(FIXTURES_DIR, bundle), origin]);
  execFileSync('git', ['clone', '-q', '-b', branch, origin, work]);
  return { origin, work, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
