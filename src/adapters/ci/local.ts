/**
 * The local provider: flags in, human output out, with each section's duration as
 * progress, colours when the stream is a terminal (never with NO_COLOR, always with
 * FORCE_COLOR). In `--json` mode stdout carries only the JSON document, so logs go to stderr.
 */
import type { CiContext, CiProvider, SourceLocation } from '../../ports.js';
import { Redactor } from './redact.js';
import { secretValues } from './secrets.js';
import { CONVENTIONAL_VARIABLES, nonBlank } from './input-names.js';
import { formatDuration, located, painter, type Paint } from './text-format.js';

export interface LocalProviderOptions {
  inputs: Record<string, string | undefined>;
  env: Readonly<Record<string, string | undefined>>;
  json?: boolean;
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
  now?: () => number;
}

export class LocalProvider implements CiProvider {
  readonly name = 'local' as const;
  readonly context: CiContext = {};
  private readonly redactor = new Redactor();
  private readonly out: NodeJS.WritableStream & { isTTY?: boolean };
  private readonly err: NodeJS.WritableStream & { isTTY?: boolean };
  private readonly paint: Paint;
  private readonly now: () => number;
  private reportedError = false;
  private failed?: string;

  constructor(private readonly options: LocalProviderOptions) {
    this.err = options.stderr ?? process.stderr;
    this.out = options.json ? this.err : (options.stdout ?? process.stdout);
    this.paint = painter(options.env, Boolean(this.out.isTTY));
    this.now = options.now ?? (() => performance.now());
    for (const value of secretValues(options.env, options.inputs)) this.redactor.addSecretUrlOrToken(value);
  }

  private write(stream: NodeJS.WritableStream, text: string): void {
    stream.write(`${this.redactor.redact(text)}\n`);
  }

  input(name: string): string | undefined {
    const conventional = CONVENTIONAL_VARIABLES[name];
    return nonBlank(this.options.inputs[name]) ?? (conventional ? nonBlank(this.options.env[conventional]) : undefined);
  }

  setSecret(value: string): void {
    this.redactor.addSecretUrlOrToken(value);
  }

  info(message: string): void {
    this.write(this.out, message);
  }

  warning(message: string, at?: SourceLocation): void {
    this.write(this.err, `${this.paint('33', 'warning:')} ${located(message, at)}`);
  }

  error(message: string, at?: SourceLocation): void {
    this.reportedError = true;
    this.write(this.err, `${this.paint('31', 'error:')} ${located(message, at)}`);
  }

  debug(message: string): void {
    if (this.options.env['HOP_DEBUG'] || this.options.env['RUNNER_DEBUG']) this.write(this.err, this.paint('2', `debug: ${message}`));
  }

  /** `▸ title` when it starts, `✓ title (1.2 s)` or `✗ title (…)` when it ends. */
  async group<T>(title: string, fn: () => Promise<T>, failed?: (result: T) => boolean): Promise<T> {
    this.write(this.out, this.paint('1', `▸ ${title}`));
    const started = this.now();
    try {
      const value = await fn();
      const mark = failed?.(value) ? this.paint('31', '✗') : this.paint('32', '✓');
      this.write(this.out, `${mark} ${title} ${this.paint('2', `(${formatDuration(this.now() - started)})`)}`);
      return value;
    } catch (e) {
      this.write(this.out, `${this.paint('31', '✗')} ${title} ${this.paint('2', `(${formatDuration(this.now() - started)})`)}`);
      throw e;
    }
  }

  setOutput(): void {
    // Local runs have no step outputs; --json carries the machine-readable result.
  }

  async summary(): Promise<void> {
    // The human text already said it.
  }

  async upsertComment(): Promise<void> {
    // No PR/MR locally.
  }

  setFailed(message: string): void {
    this.failed = message;
    if (!this.reportedError) this.error(message);
  }

  get failure(): string | undefined {
    return this.failed;
  }
}
