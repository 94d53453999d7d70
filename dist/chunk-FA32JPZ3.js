import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);

// src/adapters/ci/text-format.ts
function painter(env, enabled) {
  const on = !env["NO_COLOR"] && (enabled || Boolean(env["FORCE_COLOR"] && env["FORCE_COLOR"] !== "0"));
  return on ? (code, text) => `\x1B[${code}m${text}\x1B[0m` : (_code, text) => text;
}
function located(message, at) {
  if (!at?.file || message.includes(at.file)) return message;
  return `${at.file}${at.line ? `:${at.line}` : ""}${at.line && at.column ? `:${at.column}` : ""}: ${message}`;
}
function formatDuration(ms) {
  return ms < 1e3 ? `${Math.round(ms)} ms` : `${(ms / 1e3).toFixed(1)} s`;
}

export {
  painter,
  located,
  formatDuration
};
