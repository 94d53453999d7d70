/**
 * GitHub's workflow and file commands through @actions/core, which maintains their
 * escaping, heredoc delimiters and the job summary. Two things core does not offer are
 * added here: a sink other than stdout (stderr under `--json`, an array in tests), and
 * the one neutraliser (github-neutralise.ts) for every plain log line.
 */
import * as core from '@actions/core';
import { linesForLog } from './github-neutralise.js';

export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  startColumn?: number;
}

/** Where command lines go: stdout normally; stderr when stdout carries a JSON document (the runner reads both). */
export type CommandSink = (line: string) => void;

export class WorkflowCommands {
  /** No sink: core writes to stdout itself. */
  constructor(private readonly sink?: CommandSink) {}

  /**
   * Runs a core call with its stdout writes sent to the sink. Core's command functions
   * are synchronous and always write to process.stdout, so the swap lasts exactly one call.
   */
  private emit(call: () => void): void {
    const sink = this.sink;
    if (!sink) return call();
    const stdout = process.stdout;
    const original = stdout.write;
    let written = '';
    stdout.write = ((chunk: string | Uint8Array) => {
      written += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return true;
    }) as typeof stdout.write;
    try {
      call();
    } finally {
      stdout.write = original;
    }
    for (const line of written.split(/\r?\n/).slice(0, -1)) sink(line);
  }

  /** Text that may come from outside hop-ci: never a command (github-neutralise.ts). */
  info(message: string): void {
    for (const line of linesForLog(message)) this.emit(() => core.info(line));
  }

  debug(message: string): void {
    this.emit(() => core.debug(message));
  }

  /** An annotation: `error`, `warning` or `notice`, on a file and line when given. */
  annotate(kind: 'error' | 'warning' | 'notice', message: string, at: AnnotationProperties = {}): void {
    this.emit(() => core[kind](message, at));
  }

  startGroup(title: string): void {
    this.emit(() => core.startGroup(title));
  }

  endGroup(): void {
    this.emit(() => core.endGroup());
  }

  addMask(value: string): void {
    this.emit(() => core.setSecret(value));
  }

  /** `file` is the `$GITHUB_OUTPUT` hop-ci was given: core reads the same from process.env. */
  setOutput(file: string | undefined, name: string, value: string): void {
    sameFileAsCore('GITHUB_OUTPUT', file);
    this.emit(() => core.setOutput(name, value));
  }
}

/**
 * Core reads `$GITHUB_OUTPUT` and `$GITHUB_STEP_SUMMARY` from process.env; hop-ci passes
 * its environment in. The entry points pass process.env itself: a different file here is
 * a bug, never a silent write elsewhere.
 */
function sameFileAsCore(variable: 'GITHUB_OUTPUT' | 'GITHUB_STEP_SUMMARY', file: string | undefined): void {
  // Unset and empty are the same to core (no file: it falls back to the workflow command).
  if ((process.env[variable] || undefined) !== (file || undefined))
    throw new Error(`${variable} given to hop-ci differs from the process environment that @actions/core reads`);
}

export async function appendSummary(file: string, markdown: string): Promise<void> {
  sameFileAsCore('GITHUB_STEP_SUMMARY', file);
  await core.summary.addRaw(markdown, true).write();
}
