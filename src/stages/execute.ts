/**
 * Runs a stage and turns its result or error into outputs, summary, the PR/MR comment
 * and an exit code. Shared by the action and the CLI so both fail the same way.
 */
import { BUG_REPORT_URL, HopError } from '../core/errors.js';
import { escapeMarkdown, inlineCode } from '../core/markdown.js';
import type { StageContext, StageResult } from '../ports.js';
import type { StageFn } from './index.js';

export interface ExecuteOptions {
  /** Print `result.json` to stdout instead of the human text (local `--json`). */
  json?: boolean;
  write?: (text: string) => void;
  /** The stage's name: titles the failure summary and keys its sticky PR/MR comment. */
  stage?: string;
}

export async function executeStage(
  stage: StageFn,
  ctx: StageContext,
  options: ExecuteOptions = {},
): Promise<{ exitCode: number; result?: StageResult }> {
  const write = options.write ?? ((t: string) => process.stdout.write(`${t}\n`));
  const report = async (markdown: string) => {
    await ctx.ci.summary(markdown);
    // One comment per stage, found again by its marker on the next run.
    if (options.stage) await ctx.ci.upsertComment(`<!-- hop-ci:${options.stage} -->`, markdown);
  };
  const title = `hop-ci ${options.stage ?? 'stage'}`;
  try {
    const result = await stage(ctx);
    for (const [name, value] of Object.entries(result.outputs)) await ctx.ci.setOutput(name, value);
    if (options.json) write(JSON.stringify(result.json ?? result.outputs, null, 2));
    else if (result.text) ctx.ci.info(result.text);
    if (result.summary) await report(result.summary);
    if (!result.ok) ctx.ci.setFailed(result.outputs['error'] ?? 'the stage failed');
    return { exitCode: result.ok ? 0 : 1, result };
  } catch (e) {
    if (e instanceof HopError) {
      const message = e.hint ? `${e.message}\nhint: ${e.hint}` : e.message;
      ctx.ci.error(message, {
        ...(e.file ? { file: e.file } : {}),
        ...(e.line ? { line: e.line } : {}),
        ...(e.column ? { column: e.column } : {}),
      });
      await ctx.ci.setOutput('result', 'failure');
      await ctx.ci.setOutput('error', oneLine(e.message));
      ctx.ci.setFailed(e.message);
      if (options.json) write(JSON.stringify({ error: e.message, hint: e.hint, code: e.code, file: e.file, line: e.line }, null, 2));
      await report(
        [
          `### ${title}: failed`,
          '',
          `${e.location ? `${inlineCode(e.location)}: ` : ''}${escapeMarkdown(e.message)}`,
          ...(e.hint ? ['', `**What to do:** ${escapeMarkdown(e.hint)}`] : []),
        ].join('\n'),
      );
      return { exitCode: e.exitCode };
    }
    const err = e instanceof Error ? e : new Error(String(e));
    const bug = `internal error: ${err.message} — this is a bug in hop-ci, not in your project; please report it at ${BUG_REPORT_URL} with this log`;
    ctx.ci.error(bug);
    if (err.stack) ctx.ci.info(err.stack);
    await ctx.ci.setOutput('result', 'failure');
    await ctx.ci.setOutput('error', oneLine(`internal error: ${err.message}`));
    ctx.ci.setFailed(`internal error: ${err.message}`);
    await report([`### ${title}: internal error`, '', escapeMarkdown(bug)].join('\n'));
    return { exitCode: 1 };
  }
}

/** The `error` output is one line (a dotenv value, a step output): the first line of the message. */
function oneLine(message: string): string {
  return message.split(/\r?\n/)[0]!.trim();
}
