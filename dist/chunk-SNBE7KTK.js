import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);

// src/adapters/ci/comment.ts
var COMMENT_LIMIT = 65e3;
function renderComment(marker, body, context) {
  const footer = [
    context.runUrl ? `[run](${context.runUrl})` : void 0,
    context.sha ? `commit \`${context.sha.slice(0, 8)}\`` : void 0
  ].filter(Boolean).join(" \xB7 ");
  const tail = `

<sub>hop-ci${footer ? ` \xB7 ${footer}` : ""}</sub>`;
  let text = body.trim();
  const room = COMMENT_LIMIT - marker.length - tail.length - 40;
  if (text.length > room) text = `${text.slice(0, room)}

\u2026 (truncated: see the run)`;
  return `${marker}
${text}${tail}`;
}
function carriesMarker(body, marker) {
  return typeof body === "string" && body.includes(marker);
}
function commentWanted(value) {
  return !/^(false|no|off|0)$/i.test(value?.trim() ?? "");
}
function describeRequestError(e) {
  const status = typeof e === "object" && e !== null && "status" in e ? e.status : void 0;
  const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
  return status !== void 0 ? `HTTP ${String(status)}: ${message}` : message ?? "unknown error";
}

export {
  renderComment,
  carriesMarker,
  commentWanted,
  describeRequestError
};
