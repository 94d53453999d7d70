/**
 * Step outputs on GitLab: a dotenv file for `artifacts:reports:dotenv`, which passes them
 * to later jobs as variables. GitLab's parser takes one `KEY=value` a line, keeps quotes
 * as they are, allows no blank or comment lines, and rejects the whole report over 5 KB
 * or 20 variables (default limits) — so values are written raw and single-line, and an
 * output that does not fit is left out rather than failing the artifact upload.
 */

/** Output `release-file` → `HOP_OUT_RELEASE_FILE`; a prefix apart from the `HOP_*` inputs, so outputs never feed the next job's inputs by accident. */
export function dotenvKey(output: string): string {
  return `HOP_OUT_${output.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export const DOTENV_MAX_BYTES = 5 * 1024 - 1;
export const DOTENV_MAX_VARIABLES = 20;

export interface RenderedDotenv {
  text: string;
  /** Outputs left out, and why. */
  dropped: Array<{ name: string; reason: string }>;
}

export function renderDotenv(outputs: ReadonlyMap<string, string>): RenderedDotenv {
  const lines: string[] = [];
  const dropped: RenderedDotenv['dropped'] = [];
  let bytes = 0;
  for (const [name, raw] of outputs) {
    // Newlines would end the value: keep them visible as `\n` (JSON values have none).
    const line = `${dotenvKey(name)}=${raw.trim().replace(/\r?\n/g, '\\n')}`;
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (lines.length >= DOTENV_MAX_VARIABLES) dropped.push({ name, reason: `more than ${DOTENV_MAX_VARIABLES} variables` });
    else if (bytes + size > DOTENV_MAX_BYTES) dropped.push({ name, reason: `${size} bytes would pass GitLab's 5 KB dotenv limit` });
    else {
      lines.push(line);
      bytes += size;
    }
  }
  return { text: lines.map((l) => `${l}\n`).join(''), dropped };
}
