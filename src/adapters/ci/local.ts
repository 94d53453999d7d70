/**
 * The local provider: flags in, human output out (colours unless NO_COLOR or not a TTY).
 * In `--json` mode, stdout carries only the JSON document, so logs go to stderr.
 */
import type { CiContext, CiProvider, SourceLocation } from '../../ports.js';
import { Redactor } from './redact.js';

export interface LocalProviderOptions {
  inputs: Record<string, string | undefined>;
  env: Readonly<Record<string, string | undefined>>;
  json?: boolean;
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
}

export class LocalProvider implements CiProvider {
  readonly name = 'local' as const;
  readonly context: CiContext = {};
  private readonly redactor = new Redactor();
  private readonly out: NodeJS.WritableStream & { isTTY?: boolean };
  private readonly err: NodeJS.WritableStream & { isTTY?: boolean };
  private readonly colour: boolean;
  private failed?: string;

  constructor(private readonly options: LocalProviderOptions) {
    this.err = options.stderr ?? process.stderr;
    this.out = options.json ? this.err : (options.stdout ?? process.stdout);
    this.colour = !options.env['NO_COLOR'] && Boolean(this.out.isTTY);
    for (const [name, value] of Object.entries(options.inputs)) {
      if (value && /url|token|password/i.test(name)) this.redactor.addSecretUrlOrToken(value);
    }
  }

  private paint(code: string, text: string): string {
    return this.colour ? `\u001b[${code}m${text}\u001b[0m` : text;
  }

  private write(stream: NodeJS.WritableStream, text: string): void {
    stream.write(`${this.redactor.redact(text)}\n`);
  }

  input(name: string): string | undefined {
    const v = this.options.inputs[name];
    return v === undefined || v === '' ? undefined : v;
  }

  setSecret(value: string): void {
    this.redactor.addSecret(value);
  }

  info(message: string): void {
    this.write(this.out, message);
  }

  warning(message: string, at?: SourceLocation): void {
    this.write(this.err, `${this.paint('33', 'warning:')} ${where(at)}${message}`);
  }

  error(message: string, at?: SourceLocation): void {
    this.write(this.err, `${this.paint('31', 'error:')} ${where(at)}${message}`);
  }

  debug(message: string): void {
    if (this.options.env['HOP_DEBUG'] || this.options.env['RUNNER_DEBUG']) this.write(this.err, `debug: ${message}`);
  }

  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.write(this.out, this.paint('1', `▸ ${title}`));
    return fn();
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
  }

  get failure(): string | undefined {
    return this.failed;
  }
}

function where(at?: SourceLocation): string {
  if (!at?.file) return '';
  return `${at.file}${at.line ? `:${at.line}` : ''}${at.line && at.column ? `:${at.column}` : ''}: `;
}
