/**
 * The seams between the pure core / the stages and the outside world. Stages receive
 * these as a context; adapters in src/adapters implement them; tests may pass fakes.
 */
import type { ProjectFiles } from './core/project-files.js';

/** Files of the user's checkout. Paths are absolute or relative to the process cwd. */
export interface Workspace {
  /** The nearest directory at or above `from` that holds `.hop/config`. */
  findRoot(from: string): Promise<string>;
  /** Everything the core needs to build the project state. */
  readProject(root: string): Promise<ProjectFiles>;
  readText(path: string): Promise<string>;
  writeText(path: string, text: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** Names in a directory, sorted; [] when it does not exist. */
  list(path: string): Promise<string[]>;
  remove(path: string): Promise<void>;
  /** Creates or replaces a symlink at `path` pointing to `target` (relative target kept). */
  symlink(target: string, path: string): Promise<void>;
}

export interface Clock {
  /** Milliseconds, monotonic enough for durations. */
  now(): number;
}

/** Where a message points in the user's files (annotations on GitHub). */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
  title?: string;
}

/** What the run is about, as the CI event says it (all optional: local runs have none). */
export interface CiContext {
  eventName?: string;
  /** PR/MR source branch (e.g. `ho-patch/42-x`) or the pushed branch. */
  headRef?: string;
  /** PR/MR target branch (e.g. `ho-release/1.2.0`). */
  baseRef?: string;
  /** PR or MR number. */
  changeNumber?: number;
  runUrl?: string;
  sha?: string;
  repository?: string;
}

/**
 * A CI provider: how inputs arrive, how logs, outputs, summaries and comments leave.
 * GitHub, GitLab and local implementations live in src/adapters/ci/.
 */
export interface CiProvider {
  readonly name: 'github' | 'gitlab' | 'local';
  readonly context: CiContext;
  /** An input by its action.yml name (`database-url`), or undefined when not given. */
  input(name: string): string | undefined;
  /** Never print this value: masks it in every later log line. */
  setSecret(value: string): void;
  info(message: string): void;
  warning(message: string, at?: SourceLocation): void;
  error(message: string, at?: SourceLocation): void;
  debug(message: string): void;
  /**
   * A collapsible section around `fn`. `failed` tells a result that is a failure (a
   * validation run that broke) from a success, for providers that mark the end of a group.
   */
  group<T>(title: string, fn: () => Promise<T>, failed?: (result: T) => boolean): Promise<T>;
  setOutput(name: string, value: string): Promise<void> | void;
  /** Markdown appended to the job summary (GitHub) or printed (others). */
  summary(markdown: string): Promise<void>;
  /** Creates or updates the one PR/MR comment that carries `marker`; no-op outside a PR/MR. */
  upsertComment(marker: string, body: string): Promise<void>;
  /** The stage failed: records the failure (exit code / step status) with the message. */
  setFailed(message: string): void;
}

/** The result every stage returns; the entry points turn it into outputs and an exit code. */
export interface StageResult {
  ok: boolean;
  /** Action outputs (names as in action.yml), already strings. */
  outputs: Record<string, string>;
  /** Markdown for the job summary and the PR/MR comment. */
  summary?: string;
  /** Text for a person (local runs). */
  text?: string;
  /** Machine-readable result for `--json`. */
  json?: unknown;
}

export interface StageContext {
  /** Directory the user pointed at (`--cwd` / `working-directory`). */
  cwd: string;
  workspace: Workspace;
  clock: Clock;
  ci: CiProvider;
  /** The process environment, passed in so that adapters never read `process.env` themselves. */
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * A PostgreSQL server hop-ci may create and drop databases on: its own throwaway cluster
 * (local runs) or the workflow's service container (CI). Implemented in
 * src/adapters/postgres/. Connection details are secrets: never log `env` or `url()`.
 */
export interface DatabaseServer {
  /** libpq environment for psql/pg_dump/python (PGHOST, PGPORT, PGUSER, PGPASSWORD, …). */
  readonly env: Readonly<Record<string, string>>;
  /** Server major version (pg_dump must be at least this). */
  readonly majorVersion: number;
  /** Connection URL of database `name` on this server (a secret: may carry a password). */
  url(database: string): string;
  createDatabase(name: string, options?: { template?: string }): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  /** Drops what hop-ci created and stops the server when hop-ci started it. Idempotent. */
  close(): Promise<void>;
}

/** The outcome of validating a release (or one patch) on an ephemeral database. */
export interface ValidationOutcome {
  ok: boolean;
  /** One line per failure: which patch broke, how. */
  failures: Array<{ patch?: string; file?: string; line?: number; message: string }>;
  /** Markdown table of what ran, for summaries and comments. */
  summary: string;
}

/** A database on which a release was just validated, handed to the caller before it is dropped. */
export interface ValidatedDatabase {
  server: DatabaseServer;
  /** Database name on `server`. */
  name: string;
  /** `pg_dump --schema-only --no-owner`, normalised as HOP-FORMAT.md says. */
  dumpSchema(): Promise<string>;
  /** The `half_orm_meta` dump in the variant the project uses (`metadata` up to hop 1.0.0-a32, `data` later). */
  dumpMetadata(variant: 'metadata' | 'data'): Promise<string>;
}

/**
 * Validates a release's staged patches (baseline + patches + tests) and, when it passes,
 * lets `use` work on the validated database (promotions dump its schema) before cleanup.
 */
export interface ReleaseValidator {
  validateRelease<T>(
    request: { root: string; version: string; testCommand?: string },
    use?: (db: ValidatedDatabase) => Promise<T>,
  ): Promise<ValidationOutcome & { value?: T }>;
}

/** Who commits and tags (inputs `git-user-name` / `git-user-email`). */
export interface GitIdentity {
  name: string;
  email: string;
}

/** One ref of an atomic push. */
export interface RefUpdate {
  /** Full ref name on the remote: `refs/heads/ho-prod`, `refs/tags/v0.1.0`. */
  ref: string;
  /** The object to point it at, or null to delete it. */
  newId: string | null;
  /** What the remote must still have for the push to happen; null: the ref must not exist. */
  expectedId: string | null;
}

/**
 * The git repository of the checkout, over the git CLI (src/adapters/git.ts). Promotions
 * never touch the user's working tree or branches: they read the remote's refs into a
 * private namespace, work in a temporary worktree, and push every ref in one atomic push.
 */
export interface Git {
  /** The repository's top folder for `dir`, and `dir`'s path inside it (`''` or `sub/dir/`). */
  locate(dir: string): Promise<{ top: string; prefix: string }>;
  /** Uncommitted changes (modified, staged or untracked files) under `paths`, relative to `dir`. */
  uncommittedChanges(dir: string, paths: string[]): Promise<string[]>;
  /**
   * Fetches the remote's `ho-*` branches and `v*` tags into a private namespace (a shallow
   * clone is deepened first) and returns their object ids by remote ref name.
   */
  fetchRemoteRefs(top: string, remote: string): Promise<Map<string, string>>;
  /** Removes what `fetchRemoteRefs` stored. Idempotent. */
  forgetRemoteRefs(top: string): Promise<void>;
  /** A throwaway worktree outside the checkout, detached at `commit`. */
  openWorktree(top: string, commit: string): Promise<GitWorktree>;
  /** An annotated tag object on `commit` (no local ref); returns its id. */
  createTag(top: string, name: string, commit: string, message: string, identity: GitIdentity): Promise<string>;
  /**
   * `git push --atomic` with `--force-with-lease` on every ref: all refs move or none.
   * Throws a HopError naming the refs that moved on the remote meanwhile.
   */
  pushAtomic(top: string, remote: string, updates: RefUpdate[]): Promise<void>;
}

/** A temporary worktree (see Git.openWorktree). Paths are relative to `root`. */
export interface GitWorktree {
  /** The worktree's folder. */
  readonly dir: string;
  /** Detaches at `commit`, dropping any change. */
  checkout(commit: string): Promise<void>;
  /** Files of `commit` under `path` (relative to `root`), paths relative to `root`. */
  listFiles(root: string, commit: string, path: string): Promise<string[]>;
  /** Starts a `--no-ff --no-commit` merge of `commit`; on conflict aborts it and returns the conflicted paths. */
  merge(commit: string): Promise<{ conflicts: string[] }>;
  /** Writes, links and removes files under `root` and stages them. */
  apply(
    root: string,
    changes: Array<
      { kind: 'write'; path: string; text: string } | { kind: 'symlink'; path: string; target: string } | { kind: 'remove'; path: string }
    >,
  ): Promise<void>;
  /** Replaces `root/.hop/` with that of `commit`, then removes `remove` (paths relative to `root`), staged. */
  copyHop(root: string, commit: string, remove: string[]): Promise<void>;
  /** Commits what is staged (and a merge in progress); undefined when there is nothing to commit. */
  commit(message: string, identity: GitIdentity): Promise<string | undefined>;
  /** Removes the worktree. Idempotent. */
  close(): Promise<void>;
}

/** A pull request (GitHub) or merge request (GitLab) as hop-ci opens it. */
export interface ChangeRequestDraft {
  /** Source branch (`hop-promote/1.2.0`). */
  head: string;
  /** Target branch (`ho-prod`). */
  base: string;
  title: string;
  body: string;
}

/**
 * The forge's pull/merge requests (src/adapters/ci/github-pulls.ts,
 * gitlab-merge-requests.ts): a promotion in `pull-request` mode opens one, or updates the
 * one already open from the same branch into the same base.
 */
export interface ChangeRequests {
  /** `pull request` or `merge request`, for messages. */
  readonly noun: string;
  upsert(draft: ChangeRequestDraft): Promise<{ number: number; url: string; created: boolean }>;
}
