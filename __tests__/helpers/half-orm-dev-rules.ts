/**
 * What half-orm-dev 1.0.0-a32 (and 1.0.0-a18 for `-hotfixN` trees) requires of a tree when
 * it reads it back, written as checks on the origin after a hop-ci promotion. Each check
 * names the half-orm-dev file and function whose reading code it stands for (read from
 * github.com/half-orm/half-orm-dev at the 1.0.0-a32 release, commit 7c09938).
 */
import type { ExecutionContext } from 'ava';
import { execFileSync } from 'node:child_process';
import { git } from './project.js';
import { originRefs, show, type HopRepo } from './git-fixture.js';

export type PromotionKind = 'rc' | 'prod' | 'hotfix';

/** The origin just before a promotion: what the checks compare the result with. */
export interface Before {
  refs: Map<string, string>;
  /** Branch → tree id of its `.hop/`. */
  hopTrees: Map<string, string>;
  /** The release's `X.Y.Z-patches.toml` on its branch. */
  toml: string;
  /** `.hop/releases/` file names on the release branch. */
  releaseFiles: string[];
  /** `schema.sql`'s target on ho-prod. */
  link: string;
  prodTip: string;
  releaseTip: string;
}

export interface Promotion {
  kind: PromotionKind;
  /** `X.Y.Z`. */
  release: string;
  naming: 'post' | 'hotfix';
  before: Before;
}

const branchesOf = (refs: Map<string, string>) => [...refs.keys()].filter((r) => !r.startsWith('tag:'));
const rev = (repo: HopRepo, spec: string) => git(repo.origin, 'rev-parse', spec);

function exists(repo: HopRepo, spec: string): boolean {
  try {
    execFileSync('git', ['cat-file', '-e', spec], { cwd: repo.origin, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function lsNames(repo: HopRepo, rev: string, dir: string): string[] {
  return git(repo.origin, 'ls-tree', '--name-only', `${rev}:${dir}`).split('\n').filter(Boolean);
}

export function snapshotBefore(repo: HopRepo, release: string): Before {
  const refs = originRefs(repo);
  const releaseBranch = `ho-release/${release}`;
  return {
    refs,
    hopTrees: new Map(branchesOf(refs).map((b) => [b, rev(repo, `${b}:.hop`)])),
    toml: show(repo, `${releaseBranch}:.hop/releases/${release}-patches.toml`),
    releaseFiles: lsNames(repo, releaseBranch, '.hop/releases'),
    link: show(repo, 'ho-prod:.hop/model/schema.sql'),
    prodTip: rev(repo, 'ho-prod'),
    releaseTip: rev(repo, releaseBranch),
  };
}

// ------------------------------------------------------------ the TOML, as tomli_w writes it

export interface TomlPatch {
  id: string;
  status: string;
  mergeCommit?: string;
}

/** The `[patches.<id>]` tables of a patches TOML, in file order (the shape hop 0.17.4+ writes). */
export function readPatchesToml(text: string): TomlPatch[] {
  const out: TomlPatch[] = [];
  for (const block of text.split(/^(?=\[)/m)) {
    const head = /^\[patches\.(?:"([^"]+)"|([A-Za-z0-9_-]+))\]\n/.exec(block);
    if (!head) continue;
    const status = /^status = "([^"]*)"$/m.exec(block)?.[1] ?? '';
    const commit = /^merge_commit = "([^"]*)"$/m.exec(block)?.[1];
    out.push({ id: (head[1] ?? head[2])!, status, ...(commit ? { mergeCommit: commit } : {}) });
  }
  return out;
}

/**
 * tomli_w.dump({"patches": {...}}) (release_file.py ReleaseFile._write / create_empty):
 * a table with sub-tables only gets no header of its own, sub-tables are separated by one
 * blank line, keys are bare when they match [A-Za-z0-9_-]+, an empty table is `[patches]`.
 */
export function tomliWPatches(patches: TomlPatch[]): string {
  if (patches.length === 0) return '[patches]\n';
  const key = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k));
  return patches
    .map(
      (p) =>
        `[patches.${key(p.id)}]\nstatus = ${JSON.stringify(p.status)}\n${p.mergeCommit ? `merge_commit = ${JSON.stringify(p.mergeCommit)}\n` : ''}`,
    )
    .join('\n');
}

// ------------------------------------------------------------ version order, as packaging.version reads file names

/** PEP 440 order of `X.Y.Z`, `X.Y.Z-rcN`, `X.Y.Z.postN`; undefined for what Version() rejects (`-hotfixN`). */
function pep440(text: string): number[] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-?rc(\d+)|\.post(\d+))?$/.exec(text);
  if (!m) return undefined;
  const level = m[4] !== undefined ? 0 : m[5] !== undefined ? 2 : 1;
  return [Number(m[1]), Number(m[2]), Number(m[3]), level, Number(m[4] ?? m[5] ?? 0)];
}

function comparePep440(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

// ------------------------------------------------------------ the checks

function written(p: Promotion): { version: string; file: string; tag: string } {
  const label = p.kind === 'rc' ? 'rc' : p.naming === 'post' ? 'post' : 'hotfix';
  if (p.kind === 'prod') return { version: p.release, file: `${p.release}.txt`, tag: `v${p.release}` };
  // release_manager.py _get_label_files / _get_latest_label_number: highest existing number + 1.
  const sep = label === 'post' ? '.' : '-';
  const re = new RegExp(`^${p.release.replace(/\./g, '\\.')}[.-]${label}(\\d+)\\.txt$`);
  const numbers = p.before.releaseFiles.map((f) => re.exec(f)?.[1]).filter((n): n is string => n !== undefined);
  const n = numbers.length ? Math.max(...numbers.map(Number)) + 1 : 1;
  const version = `${p.release}${sep}${label}${n}`;
  return { version, file: `${version}.txt`, tag: `v${version}` };
}

/**
 * Every check for one promotion. `source` is the branch the promotion committed on and
 * tagged (ho-release/X.Y.Z for an rc, ho-prod otherwise).
 */
export function checkHalfOrmDevRules(t: ExecutionContext, repo: HopRepo, p: Promotion): void {
  const { version, file, tag } = written(p);
  const releaseBranch = `ho-release/${p.release}`;
  const source = p.kind === 'rc' ? releaseBranch : 'ho-prod';
  const refs = originRefs(repo);
  const branches = branchesOf(refs);
  const staged = readPatchesToml(p.before.toml).filter((x) => x.status === 'staged');

  // repo.py _get_metadata_path / _load_data_files, release_manager.py _parse_version_from_symlink:
  // schema.sql is a link whose target matches ^schema-(\d+\.\d+\.\d+)\.sql$ and exists.
  for (const b of branches) {
    const entry = git(repo.origin, 'ls-tree', b, '.hop/model/schema.sql');
    t.regex(entry, /^120000 blob /, `${b}: schema.sql is a symlink (release_manager.py _parse_version_from_symlink)`);
    const target = show(repo, `${b}:.hop/model/schema.sql`);
    t.regex(target, /^schema-(\d+\.\d+\.\d+)\.sql$/, `${b}: schema.sql → ${target} (release_manager.py _parse_version_from_symlink)`);
    t.true(exists(repo, `${b}:.hop/model/${target}`), `${b}: ${target} exists (repo.py _get_metadata_path)`);
  }
  const link = show(repo, 'ho-prod:.hop/model/schema.sql');
  if (p.kind === 'prod') t.is(link, `schema-${p.release}.sql`, 'release_manager.py _promote_execute_prod: the link names the new release');
  else t.is(link, p.before.link, `promote ${p.kind} leaves schema.sql where it was`);
  if (p.kind === 'prod') {
    // repo.py _get_metadata_path: metadata-<link version>.sql is loaded after the schema.
    t.true(exists(repo, `ho-prod:.hop/model/metadata-${p.release}.sql`), 'repo.py _get_metadata_path: metadata-X.Y.Z.sql');
    t.false(
      exists(repo, `ho-prod:.hop/model/release-${p.release}.sql`),
      'release_manager.py _create_prod_snapshot removes release-X.Y.Z.sql',
    );
  }
  if (p.kind === 'hotfix') {
    // Ignored by half-orm-dev (its patterns want a plain X.Y.Z), used by hop-ci as the state of the level.
    t.true(exists(repo, `ho-prod:.hop/model/schema-${version}.sql`), `hop-ci's dump of ${version} beside the release's`);
    t.true(exists(repo, `ho-prod:.hop/model/metadata-${version}.sql`), `hop-ci's metadata dump of ${version}`);
  }

  // Release files: the name (release_manager.py _get_latest_label_number) and the content
  // (_create_rc_snapshot: id:merge_commit lines read by read_release_patches_with_commits;
  // _create_prod_snapshot / promote_to_hotfix: bare ids, read by _cleanup_release_branch).
  const after = lsNames(repo, source, '.hop/releases');
  t.deepEqual(
    after.filter((f) => !p.before.releaseFiles.includes(f)),
    [file],
    `${source}: the one new release file is ${file} (release_manager.py _get_latest_label_number)`,
  );
  const expectedText =
    p.kind === 'rc'
      ? staged.map((x) => (x.mergeCommit ? `${x.id}:${x.mergeCommit}` : x.id)).join('\n')
      : staged.map((x) => x.id).join('\n');
  t.is(
    show(repo, `${source}:.hop/releases/${file}`),
    staged.length ? `${expectedText}\n` : '',
    `${file}: as release_manager.py ${p.kind === 'rc' ? '_create_rc_snapshot' : p.kind === 'prod' ? '_create_prod_snapshot' : 'promote_to_hotfix'} writes it`,
  );
  if (p.kind === 'rc') {
    for (const x of staged) t.true(exists(repo, `${x.mergeCommit}^{commit}`), `${file}: ${x.id}:${x.mergeCommit} names a commit of origin`);
  }
  if (p.naming === 'post' && p.kind !== 'rc') {
    // release_manager.py find_latest_version: max(Version(stem)) of releases/*.txt.
    const versions = after
      .filter((f) => f.endsWith('.txt'))
      .map((f) => f.slice(0, -4))
      .filter((s) => pep440(s));
    const latest = versions.sort((a, b) => comparePep440(pep440(a)!, pep440(b)!)).pop();
    t.is(latest, version, 'release_manager.py find_latest_version: the promoted release is the latest');
  }

  // The TOML: left as it is by promote rc (release_manager.py _promote_execute_rc), gone
  // after prod/hotfix (_create_prod_snapshot, promote_to_hotfix), and wherever it is, laid
  // out as tomli_w writes it (release_file.py ReleaseFile._write).
  for (const b of branches) {
    for (const f of lsNames(repo, b, '.hop/releases').filter((x) => x.endsWith('-patches.toml'))) {
      const text = show(repo, `${b}:.hop/releases/${f}`);
      t.is(
        text,
        tomliWPatches(readPatchesToml(text)),
        `${b}:${f} is laid out as tomli_w.dump writes it (release_file.py ReleaseFile._write)`,
      );
    }
  }
  const tomlPath = `.hop/releases/${p.release}-patches.toml`;
  if (p.kind === 'rc')
    t.is(show(repo, `${releaseBranch}:${tomlPath}`), p.before.toml, 'release_manager.py _promote_execute_rc leaves the TOML');
  else
    for (const b of branches.filter((x) => !x.startsWith('ho-staged/')))
      t.false(exists(repo, `${b}:${tomlPath}`), `${b}: the TOML is removed`);

  // Tag (release_manager.py _promote_build_tag, promote_to_hotfix; read back by
  // _get_available_release_tags with ^v\d+\.\d+\.\d+(-rc\d+|\.post\d+)?$, or
  // ^v\d+\.\d+\.\d+(-rc\d+|-hotfix\d+)?$ in 1.0.0-a18).
  t.true(refs.has(`tag:${tag}`), `tag ${tag} pushed`);
  t.regex(
    tag,
    p.naming === 'post' ? /^v\d+\.\d+\.\d+(-rc\d+|\.post\d+)?$/ : /^v\d+\.\d+\.\d+(-rc\d+|-hotfix\d+)?$/,
    'release_manager.py _get_available_release_tags',
  );
  t.is(git(repo.origin, 'cat-file', '-t', `refs/tags/${tag}`), 'tag', 'an annotated tag (hgit.py create_tag)');
  const tagMessage =
    p.kind === 'rc'
      ? `Release Candidate %${p.release}`
      : p.kind === 'prod'
        ? `Production release %${p.release}`
        : `Hotfix release %${version}`;
  t.is(
    git(repo.origin, 'tag', '-l', '--format=%(contents)', tag).trim(),
    tagMessage,
    'release_manager.py _promote_build_tag / promote_to_hotfix',
  );
  t.is(rev(repo, `refs/tags/${tag}^{commit}`), rev(repo, source), `the tag is on ${source}'s tip (_promote_finalize)`);

  // Commit messages (release_manager.py _promote_build_tag, promote_to_hotfix).
  const subject = (r: string) => git(repo.origin, 'log', '-1', '--format=%s', r);
  const parents = (r: string) => git(repo.origin, 'log', '-1', '--format=%P', r).split(' ');
  if (p.kind === 'rc') {
    const n = /rc(\d+)$/.exec(version)![1];
    t.is(subject(releaseBranch), `[HOP] Promote release %${p.release} to RC ${n}`, '_promote_build_tag');
  } else if (p.kind === 'prod') {
    t.is(subject('ho-prod'), `[HOP] Promote release %${p.release} to production`, '_promote_build_tag');
    t.deepEqual(
      parents('ho-prod'),
      [p.before.prodTip, p.before.releaseTip],
      '_promote_execute_prod: one merge commit of the release into ho-prod',
    );
  } else {
    t.is(subject('ho-prod'), `[HOP] Finalize hotfix %${version} release files`, 'promote_to_hotfix');
    t.is(subject('ho-prod~1'), `[release] Merge hotfix %${version}`, 'promote_to_hotfix');
    t.deepEqual(parents('ho-prod~1'), [p.before.prodTip, p.before.releaseTip], 'promote_to_hotfix: the release merged into ho-prod');
  }

  // repo.py sync_hop_to_active_branches: .hop/ of the source copied to ho-prod and every
  // active ho-release/* and ho-patch/*, one `[HOP] Sync .hop/ from <branch> (<reason>)`
  // commit each; ho-staged/* frozen.
  const reason = p.kind === 'rc' ? `promote ${p.release} to rc` : p.kind === 'prod' ? `promote ${p.release} to prod` : `hotfix ${version}`;
  const sourceHop = rev(repo, `${source}:.hop`);
  for (const b of branches) {
    if (b.startsWith('ho-staged/')) {
      t.is(p.before.refs.get(b), rev(repo, b), `${b} is frozen (sync_hop_to_active_branches excludes ho-staged/*)`);
      continue;
    }
    if (b === source || !(b === 'ho-prod' || b.startsWith('ho-release/') || b.startsWith('ho-patch/'))) continue;
    t.is(rev(repo, `${b}:.hop`), sourceHop, `${b}: .hop/ synced from ${source}`);
    if (p.before.hopTrees.get(b) !== sourceHop)
      t.is(subject(b), `[HOP] Sync .hop/ from ${source} (${reason})`, `${b}: sync commit (repo.py sync_hop_to_active_branches)`);
  }

  // Refs (release_manager.py _promote_finalize, _cleanup_release_branch, promote_to_hotfix).
  const before = branchesOf(p.before.refs);
  const created = branches.filter((b) => !before.includes(b)).sort();
  const deleted = before.filter((b) => !branches.includes(b)).sort();
  if (p.kind === 'rc') {
    t.deepEqual([created, deleted], [[], []], 'promote rc creates and deletes no branch');
  } else {
    t.deepEqual(
      created,
      [`ho-prod-${version}`],
      `ho-prod-${version}, the immutable production branch (_promote_finalize; half-orm-dev's upgrade checks it out)`,
    );
    t.is(
      rev(repo, `ho-prod-${version}`),
      rev(repo, `refs/tags/${tag}^{commit}`),
      `ho-prod-${version} at the tag (hgit.py create_branch_from_tag)`,
    );
    const stagedBranches = staged.map((x) => `ho-staged/${x.id}`).filter((b) => before.includes(b));
    t.deepEqual(
      deleted,
      [releaseBranch, ...stagedBranches].sort(),
      `${releaseBranch} and its ho-staged/* deleted (_cleanup_release_branch)`,
    );
  }
}
