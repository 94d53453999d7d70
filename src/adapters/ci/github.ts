/**
 * The GitHub Actions provider. Inputs are `INPUT_*` variables, read the way
 * core.getInput reads them, from the environment passed in; CLI flags win over them, so
 * `hop-ci run …` works inside a `run:` step too. Outputs and the job summary are file
 * commands (`$GITHUB_OUTPUT`, `$GITHUB_STEP_SUMMARY`); annotations, groups and masks are
 * workflow commands; @actions/core writes both (github-commands.ts). Every plain line goes
 * through the neutraliser, so text from SQL, tests or git never prints a working command.
 */
import type { CiProvider, SourceLocation } from '../../ports.js';
import { Redactor } from './redact.js';
import { secretValues } from './secrets.js';
import { CONVENTIONAL_VARIABLES, githubInputVariable, hopVariable, nonBlank } from './input-names.js';
import { githubContext, type GitHubContext } from './github-context.js';
import { commentWanted, describeRequestError, renderComment } from './comment.js';
import { upsertPullRequestComment } from './github-comment.js';
import { WorkflowCommands, appendSummary, type AnnotationProperties } from './github-commands.js';

export interface GitHubProviderOptions {
  env: Readonly<Record<string, string | undefined>>;
  flags: Record<string, string | undefined>;
  /** `--json`: stdout carries only the JSON document, the commands go to stderr. */
  json?: boolean;
  /** Where workflow commands are written (tests capture them). */
  write?: (line: string) => void;
  /** Replaces the Octokit call in unit tests. */
  upsert?: typeof upsertPullRequestComment;
}

export class GitHubProvider implements CiProvider {
  readonly name = 'github' as const;
  readonly context: GitHubContext;
  private readonly redactor = new Redactor();
  private readonly commands: WorkflowCommands;
  private groupDepth = 0;
  private reportedError = false;
  private failed?: string;

  constructor(private readonly options: GitHubProviderOptions) {
    this.commands = new WorkflowCommands(options.write ?? (options.json ? (line) => process.stderr.write(`${line}\n`) : undefined));
    this.context = githubContext(options.env);
    for (const value of secretValues(options.env, options.flags)) this.setSecret(value);
  }

  input(name: string): string | undefined {
    const { env, flags } = this.options;
    const conventional = CONVENTIONAL_VARIABLES[name];
    return (
      nonBlank(flags[name]) ??
      nonBlank(env[githubInputVariable(name)]) ??
      nonBlank(env[hopVariable(name)]) ??
      (conventional ? nonBlank(env[conventional]) : undefined)
    );
  }

  /** Masks the value in the runner's log (`::add-mask::`) and in everything hop-ci writes itself. */
  setSecret(value: string): void {
    const before = new Set(this.redactor.values());
    this.redactor.addSecretUrlOrToken(value);
    for (const v of this.redactor.values()) if (!before.has(v)) this.commands.addMask(v);
  }

  private clean(text: string): string {
    return this.redactor.redact(text);
  }

  info(message: string): void {
    this.commands.info(this.clean(message));
  }

  warning(message: string, at?: SourceLocation): void {
    this.commands.annotate('warning', this.clean(message), annotation(at));
  }

  error(message: string, at?: SourceLocation): void {
    this.reportedError = true;
    this.commands.annotate('error', this.clean(message), annotation(at));
  }

  debug(message: string): void {
    this.commands.debug(this.clean(message));
  }

  /** GitHub cannot nest groups: an inner group is a plain line inside the outer one. */
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    if (this.groupDepth > 0) {
      this.commands.info(this.clean(`▸ ${title}`));
      return fn();
    }
    this.groupDepth++;
    this.commands.startGroup(this.clean(title));
    try {
      return await fn();
    } finally {
      this.commands.endGroup();
      this.groupDepth--;
    }
  }

  /** Through core, which writes `$GITHUB_OUTPUT` (or, under @github/local-action, its own record). */
  setOutput(name: string, value: string): void {
    this.commands.setOutput(this.options.env['GITHUB_OUTPUT'], name, this.clean(value));
  }

  async summary(markdown: string): Promise<void> {
    const file = this.options.env['GITHUB_STEP_SUMMARY'];
    if (!file) {
      this.commands.debug('GITHUB_STEP_SUMMARY is not set: no job summary');
      return;
    }
    try {
      await appendSummary(file, this.clean(markdown));
    } catch (e) {
      this.warning(`could not write the job summary: ${describeRequestError(e)}`);
    }
  }

  /** A comment that cannot be posted is a warning: the stage's own result stands. */
  async upsertComment(marker: string, body: string): Promise<void> {
    const { owner, repo, changeNumber, apiUrl } = this.context;
    if (!commentWanted(this.input('comment'))) return this.commands.debug('comment: false — no PR comment');
    if (!changeNumber || !owner || !repo) return this.commands.debug('not a pull request run — no PR comment');
    const token = this.input('github-token') ?? nonBlank(this.options.env['GITHUB_TOKEN']);
    if (!token) {
      this.warning(
        'no GitHub token: the PR comment was not posted. Pass `github-token` (the default `${{ github.token }}` needs `permissions: pull-requests: write`), or set `comment: false`.',
      );
      return;
    }
    const text = this.clean(renderComment(marker, body, this.context));
    try {
      const how = await (this.options.upsert ?? upsertPullRequestComment)(
        { token, apiUrl, owner, repo, number: changeNumber },
        marker,
        text,
      );
      this.info(`PR #${changeNumber}: comment ${how}`);
    } catch (e) {
      this.warning(
        `could not post the PR comment on #${changeNumber} (${describeRequestError(e)}). Give the job \`permissions: pull-requests: write\` (PRs from forks get a read-only token), or set \`comment: false\`.`,
      );
    }
  }

  /** The step fails through the exit code; the message is annotated unless an error already was. */
  setFailed(message: string): void {
    this.failed = message;
    if (!this.reportedError) this.error(message);
  }

  get failure(): string | undefined {
    return this.failed;
  }
}

function annotation(at?: SourceLocation): AnnotationProperties {
  const props: AnnotationProperties = { title: at?.title ?? 'hop-ci' };
  if (at?.file) props.file = at.file;
  if (at?.line) props.startLine = at.line;
  if (at?.line && at.column) props.startColumn = at.column;
  return props;
}
