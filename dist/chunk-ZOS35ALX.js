import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);

// src/core/errors.ts
var HopError = class extends Error {
  kind;
  hint;
  file;
  line;
  column;
  code;
  constructor(message, details = {}) {
    super(message);
    this.name = "HopError";
    this.kind = details.kind ?? "input";
    this.hint = details.hint;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.code = details.code;
  }
  get exitCode() {
    return this.kind === "input" ? 2 : 1;
  }
  /** `file:line:col: message` — the one line a user reads first. */
  get location() {
    if (!this.file) return void 0;
    let where = this.file;
    if (this.line !== void 0) where += `:${this.line}`;
    if (this.line !== void 0 && this.column !== void 0) where += `:${this.column}`;
    return where;
  }
};
var InternalError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "InternalError";
  }
};
var BUG_REPORT_URL = "https://github.com/hop-ci/hop-ci/issues";

export {
  HopError,
  InternalError,
  BUG_REPORT_URL
};
