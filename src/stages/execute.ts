/**
 * Runs a stage and turns its result or error into outputs, summary and an exit code.
 * Shared by the action and the CLI so both fail the same way.
 */
import { BUG_REPORT_URL, HopError } from '../core/errors.js';
import type { StageContext, StageResult } from '../ports.js';
import type { StageFn } from './index.js';

export interface ExecuteOptions {
  /** Print `result.json` to stdout instead of the human text (local `--json`). */
  json?: boolean;
  write?: (text: string) => void;
}

export async function executeStage(stage: StageFn, ctx: StageContext, options: ExecuteOptions = {}): Promise<{ exitCode: number; result?: StageResult }> {
  const write = options.write ?? ((t: string) => process.stdout.write(`${t}\n`));
  try {
    const result = await stage(ctx);
    for (const [name, value] of Object.entries(result.outputs)) await ctx.ci.setOutput(name, value);
    if (result.summary) await ctx.ci.summary(result.summary);
    if (options.json) write(JSON.stringify(result.json ?? result.outputs, null, 2));
    else if (result.text) ctx.ci.info(result.text);
    if (!result.ok) ctx.ci.setFailed(result.outputs['error'] ?? 'the stage failed');
    return { exitCode: result.ok ? 0 : 1, result };
  } catch (e) {
    if (e instanceof HopError) {
      const message = e.hint ? `${e.message}\nhint: ${e.hint}` : e.message;
      ctx.ci.error(message, { ...(e.file ? { file: e.file } : {}), ...(e.line ? { line: e.line } : {}), ...(e.column ? { column: e.column } : {}) });
      await ctx.ci.setOutput('result', 'failure');
      ctx.ci.setFailed(e.message);
      if (options.json) write(JSON.stringify({ error: e.message, hint: e.hint, code: e.code, file: e.file, line: e.line }, null, 2));
      return { exitCode: e.exitCode };
    }
    const err = e instanceof Error ? e : new Error(String(e));
    ctx.ci.error(`internal error (a bug in hop-ci, please report it at ${BUG_REPORT_URL}): ${err.message}\n${err.stack ?? ''}`);
    ctx.ci.setFailed(`internal error: ${err.message}`);
    return { exitCode: 1 };
  }
}
