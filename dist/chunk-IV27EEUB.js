import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);

// src/core/markdown.ts
function fenced(text, info = "") {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${info}
${text}
${fence}`;
}
function escapeMarkdown(text) {
  return text.replace(/[\\`*_{}[\]<>()#+!|~&]/g, "\\$&").replace(/\r\n|\r|\n/g, "<br>");
}
function inlineCode(text) {
  const oneLine = text.replace(/\r\n|\r|\n/g, " ");
  const longest = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(longest + 1);
  const pad = oneLine.startsWith("`") || oneLine.endsWith("`") ? " " : "";
  return `${ticks}${pad}${oneLine}${pad}${ticks}`;
}

export {
  fenced,
  escapeMarkdown,
  inlineCode
};
