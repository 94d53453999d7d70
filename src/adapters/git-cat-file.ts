/**
 * One long-lived `git cat-file --batch` per repository reader: an upgrade reads tags,
 * folders and files of twenty releases through it without starting a git process for
 * each step (each start cost ~10 ms in issue 11's benchmark). Requests are answered in the
 * order they are written, so they are queued and parsed in that order.
 *
 * The child never keeps hop-ci alive: its handles are referenced only while a request
 * waits, and `close()` (or hop-ci's exit, which closes its stdin) ends it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Socket } from 'node:net';

export interface GitObject {
  oid: string;
  type: string;
  content: Buffer;
}

interface Pending {
  name: string;
  resolve: (object: GitObject | undefined) => void;
  reject: (error: Error) => void;
}

/** A child's stdio stream is a socket at run time (its type says Readable): it can be (un)referenced. */
const pipe = (stream: unknown): Socket => stream as Socket;

export class CatFileBatch {
  private child: ChildProcessWithoutNullStreams | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  /** Chunks received since `buffer` was last joined, and how many bytes `take` waits for before joining them. */
  private arrived: Buffer[] = [];
  private arrivedBytes = 0;
  private awaitedBytes = 0;
  private readonly pending: Pending[] = [];
  private stderr = '';
  private failure: Error | undefined;

  constructor(
    private readonly cwd: string,
    private readonly env: Readonly<Record<string, string | undefined>>,
  ) {}

  /** The objects named (`<oid>`, `<rev>:<path>`, `<ref>^{commit}`), undefined for those that do not exist. */
  async read(names: readonly string[]): Promise<Array<GitObject | undefined>> {
    if (names.length === 0) return [];
    for (const name of names) if (/[\n\r]/.test(name)) throw new Error(`git object name with a line break: ${JSON.stringify(name)}`);
    const child = this.start();
    const answers = names.map(
      (name) =>
        new Promise<GitObject | undefined>((resolve, reject) => {
          this.pending.push({ name, resolve, reject });
        }),
    );
    // Referenced while answers are awaited, the process too: a git that exits at once (not
    // a repository) must be seen exiting before Node may stop.
    child.ref();
    pipe(child.stdout).ref();
    child.stdin.write(`${names.join('\n')}\n`);
    try {
      return await Promise.all(answers);
    } finally {
      if (this.pending.length === 0) {
        child.unref();
        pipe(child.stdout).unref();
      }
    }
  }

  close(): void {
    this.child?.stdin.end();
    this.child = undefined;
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.failure) throw this.failure;
    if (this.child) return this.child;
    const child = spawn('git', ['cat-file', '--batch'], { cwd: this.cwd, env: this.env as NodeJS.ProcessEnv, stdio: 'pipe' });
    this.child = child;
    child.unref();
    pipe(child.stdin).unref();
    pipe(child.stderr).unref();
    child.stderr.on('data', (c: Buffer) => (this.stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => this.take(c));
    const fail = (error: Error) => {
      this.failure = error;
      if (this.child === child) this.child = undefined;
      for (const p of this.pending.splice(0)) p.reject(error);
    };
    child.on('error', fail);
    child.on('close', (code) => {
      if (this.pending.length) fail(new Error(`git cat-file --batch stopped (exit ${code ?? 'signal'}): ${this.stderr.trim()}`));
      else if (this.child === child) this.child = undefined;
    });
    // A write after git is gone is reported by 'close' above, not as an unhandled error.
    child.stdin.on('error', () => undefined);
    return child;
  }

  /**
   * Parses answers as they arrive: `<oid> <type> <size>\n<content>\n`, or `<name> missing\n`.
   * A large file comes in many 64 KiB chunks: they are joined once it is all there, not
   * each time one arrives (that copied a 25 MB file some 400 times).
   */
  private take(chunk: Buffer): void {
    this.arrived.push(chunk);
    this.arrivedBytes += chunk.length;
    if (this.buffer.length + this.arrivedBytes < this.awaitedBytes) return;
    this.buffer = Buffer.concat([this.buffer, ...this.arrived]);
    this.arrived = [];
    this.arrivedBytes = 0;
    this.awaitedBytes = 0;
    for (;;) {
      const request = this.pending[0];
      if (!request) return;
      const eol = this.buffer.indexOf(0x0a);
      if (eol < 0) return;
      const header = this.buffer.subarray(0, eol).toString('utf8');
      const fields = header.split(' ');
      if (fields.length !== 3 || !/^[0-9a-f]{40,64}$/.test(fields[0]!) || !/^\d+$/.test(fields[2]!)) {
        // `<name> missing` (or `ambiguous`): no content follows.
        this.buffer = this.buffer.subarray(eol + 1);
        this.pending.shift();
        request.resolve(undefined);
        continue;
      }
      const size = Number(fields[2]);
      const end = eol + 1 + size + 1;
      if (this.buffer.length < end) {
        this.awaitedBytes = end;
        return;
      }
      const content = Buffer.from(this.buffer.subarray(eol + 1, eol + 1 + size));
      this.buffer = this.buffer.subarray(end);
      this.pending.shift();
      request.resolve({ oid: fields[0]!, type: fields[1]!, content });
    }
  }
}
