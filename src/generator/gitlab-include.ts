/**
 * `.gitlab-ci.yml` belongs to the user: hop-ci only makes sure it includes the generated
 * `.gitlab/hop-ci.yml`, and leaves every other byte as it was. Created when absent.
 */
import YAML from 'yaml';
import { isDeepStrictEqual } from 'node:util';
import { HopError } from '../core/errors.js';

export const GITLAB_CI_FILE = '.gitlab-ci.yml';

function includeBlock(localPath: string): string {
  return `include:\n  - local: ${localPath}\n`;
}

export function newGitlabCi(localPath: string, version: string): string {
  return [
    `# GitLab CI. hop-ci ${version} added the include below: it runs the hop-ci jobs of`,
    `# ${localPath} (regenerate that file with \`npx hop-ci generate\`). The rest of this file is yours.`,
    includeBlock(localPath),
  ].join('\n');
}

function refuse(message: string, localPath: string): HopError {
  return new HopError(`${GITLAB_CI_FILE}: ${message}`, {
    kind: 'refused',
    file: GITLAB_CI_FILE,
    hint: `add \`- local: ${localPath}\` to its include: list yourself, then run \`npx hop-ci generate\` again`,
    code: 'gitlab-include',
  });
}

/** Whether an `include:` value (string, mapping or list) already includes `localPath`. */
export function includes(value: unknown, localPath: string): boolean {
  const same = (p: unknown) => typeof p === 'string' && p.replace(/^\/+/, '') === localPath;
  const entries = Array.isArray(value) ? value : [value];
  return entries.some((e) => same(e) || (e !== null && typeof e === 'object' && same((e as Record<string, unknown>)['local'])));
}

/**
 * The text of `.gitlab-ci.yml` with the include of `localPath`: `existing` itself when it
 * already has it. Refuses (rather than risk reformatting the user's file) when the include
 * cannot be added without touching anything else.
 */
export function ensureGitlabInclude(existing: string | undefined, localPath: string, version: string): string {
  if (existing === undefined || existing.trim() === '') return newGitlabCi(localPath, version);
  const doc = YAML.parseDocument(existing);
  if (doc.errors.length) throw refuse(`is not valid YAML (${doc.errors[0]!.message.split('\n')[0]})`, localPath);
  const before = doc.toJS() as unknown;
  if (before === null || typeof before !== 'object' || Array.isArray(before))
    throw refuse('is not a mapping of jobs and keywords', localPath);
  const current = (before as Record<string, unknown>)['include'];
  if (includes(current, localPath)) return existing;

  let next: string;
  if (current === undefined) {
    // No include yet: insert the block as text before the first top-level key, after the
    // leading comments, so that nothing else moves.
    const lines = existing.split('\n');
    const at = lines.findIndex((l) => l !== '' && !/^\s*#/.test(l) && !/^%/.test(l) && l !== '---');
    if (at < 0 || /^\s/.test(lines[at]!)) throw refuse('has no top-level key to put the include before', localPath);
    next = [...lines.slice(0, at), includeBlock(localPath), ...lines.slice(at)].join('\n');
  } else {
    // An include exists: add to it through the Document API, but only when the file
    // round-trips through it unchanged, so that only the include changes.
    if (doc.toString() !== existing) throw refuse('has an include: that hop-ci cannot extend without reformatting the file', localPath);
    const node = doc.get('include', true);
    const entry = doc.createNode({ local: localPath });
    if (YAML.isSeq(node)) node.items.push(entry);
    else doc.set('include', doc.createNode([node, entry]));
    next = doc.toString();
  }
  // Whatever the path taken, the result must be the same configuration plus our include.
  const after = YAML.parse(next) as Record<string, unknown>;
  const { include: added, ...rest } = after;
  const { include: old, ...restBefore } = before as Record<string, unknown>;
  const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const kept = isDeepStrictEqual(list(added).slice(0, -1), list(old));
  if (!kept || !includes(added, localPath) || !isDeepStrictEqual(rest, restBefore))
    throw refuse('could not be given the include without changing other keys', localPath);
  return next;
}
