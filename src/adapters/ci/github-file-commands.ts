/**
 * GitHub's file commands: step outputs appended to `$GITHUB_OUTPUT` and markdown to
 * `$GITHUB_STEP_SUMMARY`, in the format @actions/core writes (a random heredoc
 * delimiter, so any value is safe). The paths come from the environment passed in.
 */
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';

export function appendOutput(file: string, name: string, value: string): void {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
}

export function appendSummary(file: string, markdown: string): void {
  appendFileSync(file, `${markdown}${EOL}`, 'utf8');
}
