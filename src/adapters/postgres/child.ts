/**
 * Child processes (psql, pg_dump, Python, the test command) that must not outlive an
 * interrupted hop-ci: each is registered for the SIGINT/SIGTERM cleanup while it runs.
 */
import { spawn } from 'node:child_process';
import { onInterrupt } from './exit-cleanup.js';

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunChildOptions {
  env: Record<string, string>;
  cwd?: string;
  /** Through `/bin/sh -c` (the test command is a shell line). */
  shell?: boolean;
  /** Written to the child's standard input (closed after); none: stdin is /dev/null. */
  stdin?: string;
  /** Each line of output as it comes (progress); output is captured either way. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export function runChild(program: string, args: string[], options: RunChildOptions): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    // Its own process group, so that an interrupt stops the shell's children too.
    const child = spawn(program, args, {
      env: options.env,
      ...(options.cwd ? { cwd: options.cwd } : {}),
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      shell: options.shell ?? false,
      detached: true,
    });
    if (options.stdin !== undefined) {
      child.stdin!.on('error', () => undefined); // a child that exits without reading it all
      child.stdin!.end(options.stdin);
    }
    const killGroup = () => {
      if (child.pid && child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    };
    const unregister = onInterrupt(killGroup, killGroup);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const lineSplitter = (stream: 'stdout' | 'stderr') => {
      let pending = '';
      return (b: Buffer) => {
        if (!options.onLine) return;
        pending += b.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const l of lines) options.onLine(l, stream);
      };
    };
    const onOut = lineSplitter('stdout');
    const onErr = lineSplitter('stderr');
    child.stdout!.on('data', (b: Buffer) => {
      out.push(b);
      onOut(b);
    });
    child.stderr!.on('data', (b: Buffer) => {
      err.push(b);
      onErr(b);
    });
    child.on('error', (e) => {
      unregister();
      reject(e);
    });
    child.on('close', (code, signal) => {
      unregister();
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (options.onLine) {
        const lastOut = stdout.endsWith('\n') ? '' : stdout.split('\n').pop()!;
        const lastErr = stderr.endsWith('\n') ? '' : stderr.split('\n').pop()!;
        if (lastOut) options.onLine(lastOut, 'stdout');
        if (lastErr) options.onLine(lastErr, 'stderr');
      }
      resolve({ code, signal, stdout, stderr });
    });
  });
}
