/**
 * Runs the project's test command through the shell in the project root, with the
 * validated database in the environment. pytest's exit 5 ("no tests collected") is a pass.
 */
import { runChild } from '../../adapters/postgres/child.js';

export const DEFAULT_TEST_COMMAND = 'pytest -v --tb=short';

export interface TestResult {
  command: string;
  status: 'passed' | 'no-tests' | 'failed' | 'skipped';
  exitCode?: number | null;
  ms: number;
  /** The last lines of output, for the failure report. */
  tail: string[];
}

export function isSkipped(command: string): boolean {
  return /^\s*(none|)\s*$/i.test(command);
}

export async function runTests(
  command: string,
  options: { cwd: string; env: Record<string, string>; log?: (line: string) => void; now?: () => number },
): Promise<TestResult> {
  const now = options.now ?? (() => performance.now());
  if (isSkipped(command)) return { command, status: 'skipped', ms: 0, tail: [] };
  const start = now();
  const tail: string[] = [];
  const r = await runChild(command, [], {
    env: options.env,
    cwd: options.cwd,
    shell: true,
    onLine: (line) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      options.log?.(line);
    },
  });
  const ms = now() - start;
  const status = r.code === 0 ? 'passed' : r.code === 5 && /\bpytest\b/.test(command) ? 'no-tests' : 'failed';
  return { command, status, exitCode: r.code ?? null, ms, tail };
}
