import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  formatDuration,
  located,
  painter
} from "./chunk-FA32JPZ3.js";
import {
  CONVENTIONAL_VARIABLES,
  Redactor,
  nonBlank,
  secretValues
} from "./chunk-YAHIFCFV.js";
import "./chunk-UQEAN7LJ.js";

// src/adapters/ci/local.ts
var LocalProvider = class {
  constructor(options) {
    this.options = options;
    this.err = options.stderr ?? process.stderr;
    this.out = options.json ? this.err : options.stdout ?? process.stdout;
    this.paint = painter(options.env, Boolean(this.out.isTTY));
    this.now = options.now ?? (() => performance.now());
    for (const value of secretValues(options.env, options.inputs)) this.redactor.addSecretUrlOrToken(value);
  }
  options;
  name = "local";
  context = {};
  redactor = new Redactor();
  out;
  err;
  paint;
  now;
  reportedError = false;
  failed;
  write(stream, text) {
    stream.write(`${this.redactor.redact(text)}
`);
  }
  input(name) {
    const conventional = CONVENTIONAL_VARIABLES[name];
    return nonBlank(this.options.inputs[name]) ?? (conventional ? nonBlank(this.options.env[conventional]) : void 0);
  }
  setSecret(value) {
    this.redactor.addSecretUrlOrToken(value);
  }
  info(message) {
    this.write(this.out, message);
  }
  warning(message, at) {
    this.write(this.err, `${this.paint("33", "warning:")} ${located(message, at)}`);
  }
  error(message, at) {
    this.reportedError = true;
    this.write(this.err, `${this.paint("31", "error:")} ${located(message, at)}`);
  }
  debug(message) {
    if (this.options.env["HOP_DEBUG"] || this.options.env["RUNNER_DEBUG"]) this.write(this.err, this.paint("2", `debug: ${message}`));
  }
  /** `▸ title` when it starts, `✓ title (1.2 s)` or `✗ title (…)` when it ends. */
  async group(title, fn, failed) {
    this.write(this.out, this.paint("1", `\u25B8 ${title}`));
    const started = this.now();
    try {
      const value = await fn();
      const mark = failed?.(value) ? this.paint("31", "\u2717") : this.paint("32", "\u2713");
      this.write(this.out, `${mark} ${title} ${this.paint("2", `(${formatDuration(this.now() - started)})`)}`);
      return value;
    } catch (e) {
      this.write(this.out, `${this.paint("31", "\u2717")} ${title} ${this.paint("2", `(${formatDuration(this.now() - started)})`)}`);
      throw e;
    }
  }
  setOutput() {
  }
  async summary() {
  }
  async upsertComment() {
  }
  setFailed(message) {
    this.failed = message;
    if (!this.reportedError) this.error(message);
  }
  get failure() {
    return this.failed;
  }
};
export {
  LocalProvider
};
