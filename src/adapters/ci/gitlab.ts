/**
 * The GitLab CI provider: inputs from CLI flags, then `HOP_*` variables; outputs to a
 * dotenv report; collapsible log sections; one sticky MR note per stage through the
 * REST API. Everything goes to one stream so that sections and lines keep their order.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CiContext, CiProvider, SourceLocation } from '../../ports.js';
import { Redactor } from './redact.js';
import { secretValues } from './secrets.js';
import { CONVENTIONAL_VARIABLES, hopVariable, nonBlank } from './input-names.js';
import { located, painter, type Paint } from './text-format.js';
import { renderDotenv } from './gitlab-dotenv.js';
import { commentWanted, describeRequestError, renderComment } from './comment.js';
import { upsertMergeRequestNote, type MergeRequestTarget } from './gitlab-note.js';

export interface GitLabProviderOptions {
  env: Readonly<Record<string, string | undefined>>;
  flags: Record<string, string | undefined>;
  /** `--json`: stdout carries only the JSON document, the log goes to stderr. */
  json?: boolean;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  /** Directory relative dotenv paths are resolved against when CI_PROJECT_DIR is unset. */
  cwd?: string;
  fetch?: typeof fetch;
}

const ESC = '\u001b';

export class GitLabProvider implements CiProvider {
  readonly name = 'gitlab' as const;
  readonly context: CiContext;
  private readonly redactor = new Redactor();
  private readonly out: NodeJS.WritableStream;
  private readonly paint: Paint;
  private readonly outputs = new Map<string, string>();
  private readonly droppedOutputs = new Set<string>();
  private sections = 0;
  private reportedError = false;
  private failed?: string;

  constructor(private readonly options: GitLabProviderOptions) {
    const { env } = options;
    this.out = options.json ? (options.stderr ?? process.stderr) : (options.stdout ?? process.stdout);
    // GitLab's job log renders ANSI colours although it is no TTY.
    this.paint = painter(env, true);
    for (const value of secretValues(env, options.flags)) this.setSecret(value);
    this.context = gitlabContext(env);
  }

  input(name: string): string | undefined {
    const { env, flags } = this.options;
    const conventional = CONVENTIONAL_VARIABLES[name];
    return nonBlank(flags[name]) ?? nonBlank(env[hopVariable(name)]) ?? (conventional ? nonBlank(env[conventional]) : undefined);
  }

  setSecret(value: string): void {
    this.redactor.addSecretUrlOrToken(value);
  }

  private write(text: string): void {
    this.out.write(`${this.redactor.redact(text)}\n`);
  }

  info(message: string): void {
    this.write(message);
  }

  warning(message: string, at?: SourceLocation): void {
    this.write(`${this.paint('33', 'warning:')} ${located(message, at)}`);
  }

  error(message: string, at?: SourceLocation): void {
    this.reportedError = true;
    this.write(`${this.paint('31', 'error:')} ${located(message, at)}`);
  }

  debug(message: string): void {
    const { env } = this.options;
    if (env['HOP_DEBUG'] || env['CI_DEBUG_TRACE'] === 'true') this.write(this.paint('2', `debug: ${message}`));
  }

  /** A collapsed section (`section_start` … `section_end`), as GitLab's job log folds them. */
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    const id = `hop_${++this.sections}_${title
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .slice(0, 40)}`;
    const stamp = () => Math.floor(Date.now() / 1000);
    this.write(`${ESC}[0Ksection_start:${stamp()}:${id}[collapsed=true]\r${ESC}[0K${this.paint('1', title)}`);
    try {
      return await fn();
    } finally {
      this.write(`${ESC}[0Ksection_end:${stamp()}:${id}\r${ESC}[0K`);
    }
  }

  /** Rewrites the whole dotenv file: a later value of the same output replaces the earlier one. */
  setOutput(name: string, value: string): void {
    this.outputs.set(name, this.redactor.redact(value));
    const { text, dropped } = renderDotenv(this.outputs);
    const file = this.dotenvPath();
    try {
      writeFileSync(file, text, 'utf8');
    } catch (e) {
      this.warning(`could not write the dotenv report ${file}: ${describeRequestError(e)}`);
      return;
    }
    for (const d of dropped) {
      if (this.droppedOutputs.has(d.name)) continue;
      this.droppedOutputs.add(d.name);
      this.warning(
        `output '${d.name}' left out of ${path.basename(file)} (${d.reason}); later jobs can run \`hop-ci plan --json\` to get it`,
      );
    }
  }

  /** `HOP_DOTENV_FILE`, else `hop-ci.env` in the project directory the job checked out. */
  dotenvPath(): string {
    const { env } = this.options;
    const base = env['CI_PROJECT_DIR'] ?? this.options.cwd ?? process.cwd();
    return path.resolve(base, nonBlank(env['HOP_DOTENV_FILE']) ?? 'hop-ci.env');
  }

  /** The job log already has the human text; the markdown goes to the MR note. */
  async summary(markdown: string): Promise<void> {
    this.debug(`summary:\n${markdown}`);
  }

  async upsertComment(marker: string, body: string): Promise<void> {
    const { env } = this.options;
    if (!commentWanted(this.input('comment'))) return this.debug('comment: false — no MR note');
    const iid = Number(env['CI_MERGE_REQUEST_IID']);
    const apiUrl = nonBlank(env['CI_API_V4_URL']);
    const projectId = nonBlank(env['CI_MERGE_REQUEST_PROJECT_ID']) ?? nonBlank(env['CI_PROJECT_ID']);
    if (!Number.isInteger(iid) || iid <= 0 || !apiUrl || !projectId) return this.debug('not a merge request pipeline — no MR note');
    const privateToken = nonBlank(env['HOP_GITLAB_TOKEN']);
    const jobToken = nonBlank(env['CI_JOB_TOKEN']);
    if (!privateToken && !jobToken) {
      this.warning(
        'no GitLab token: the MR note was not posted. Set HOP_GITLAB_TOKEN (a project access token, role Maintainer, scopes `api` and `write_repository`, as a masked and protected variable), or HOP_COMMENT=false.',
      );
      return;
    }
    const target: MergeRequestTarget = {
      apiUrl,
      projectId,
      mergeRequestIid: iid,
      auth: privateToken ? { header: 'PRIVATE-TOKEN', token: privateToken } : { header: 'JOB-TOKEN', token: jobToken! },
    };
    const text = this.redactor.redact(renderComment(marker, body, this.context));
    try {
      const how = await upsertMergeRequestNote(target, marker, text, this.options.fetch);
      this.info(`MR !${iid}: note ${how}`);
    } catch (e) {
      const hint = privateToken
        ? 'check that HOP_GITLAB_TOKEN is a project access token, role Maintainer, scopes `api` and `write_repository`, as a masked and protected variable'
        : 'the CI job token may not write notes: set HOP_GITLAB_TOKEN (a project access token, role Maintainer, scopes `api` and `write_repository`, as a masked and protected variable)';
      this.warning(`could not post the MR note on !${iid} (${describeRequestError(e)}); ${hint}, or set HOP_COMMENT=false`);
    }
  }

  setFailed(message: string): void {
    this.failed = message;
    if (!this.reportedError) this.error(message);
  }

  get failure(): string | undefined {
    return this.failed;
  }
}

function gitlabContext(env: Readonly<Record<string, string | undefined>>): CiContext {
  const context: CiContext = {};
  const set = <K extends keyof CiContext>(key: K, value: CiContext[K] | undefined) => {
    if (value !== undefined && value !== '' && !(typeof value === 'number' && !Number.isFinite(value))) context[key] = value;
  };
  set('eventName', env['CI_PIPELINE_SOURCE']);
  set('headRef', env['CI_MERGE_REQUEST_SOURCE_BRANCH_NAME'] ?? env['CI_COMMIT_REF_NAME']);
  set('baseRef', env['CI_MERGE_REQUEST_TARGET_BRANCH_NAME']);
  set('changeNumber', env['CI_MERGE_REQUEST_IID'] ? Number(env['CI_MERGE_REQUEST_IID']) : undefined);
  set('runUrl', env['CI_PIPELINE_URL']);
  set('sha', env['CI_COMMIT_SHA']);
  set('repository', env['CI_PROJECT_PATH']);
  return context;
}
