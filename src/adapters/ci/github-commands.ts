/**
 * GitHub's workflow commands (`::error file=…,line=…::message`, `::group::`, `::add-mask::`),
 * escaped exactly as @actions/core escapes them. Written here rather than imported:
 * @actions/core pulls its HTTP client (undici, ~0.8 MB) into the start-up path, which
 * costs more than the rest of the action's start (see bench/startup.bench.ts).
 */
import { EOL } from 'node:os';

export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  startColumn?: number;
}

/** Where commands go: stdout normally; stderr when stdout carries a JSON document (the runner reads both). */
export type CommandSink = (line: string) => void;

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function command(name: string, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

export class WorkflowCommands {
  constructor(private readonly sink: CommandSink = (line) => process.stdout.write(`${line}${EOL}`)) {}

  info(message: string): void {
    this.sink(message);
  }

  debug(message: string): void {
    this.sink(command('debug', {}, message));
  }

  /** An annotation: `error` or `warning`, on a file and line when given. */
  annotate(kind: 'error' | 'warning' | 'notice', message: string, at: AnnotationProperties = {}): void {
    this.sink(command(kind, { title: at.title, file: at.file, line: at.startLine, col: at.startColumn }, message));
  }

  startGroup(title: string): void {
    this.sink(command('group', {}, title));
  }

  endGroup(): void {
    this.sink(command('endgroup', {}, ''));
  }

  addMask(value: string): void {
    this.sink(command('add-mask', {}, value));
  }
}
