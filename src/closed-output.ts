/**
 * A closed stdout or stderr (`hop-ci … | head -1`, a CI runner that went away) must not
 * crash the run with an unhandled EPIPE: the stage goes on without that stream, its
 * cleanups run on their normal paths, and the exit code stays the stage's.
 */
const CLOSED = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ECONNRESET']);

export function ignoreClosedOutput(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      // Anything else is a real failure: let it surface as before.
      if (!CLOSED.has(e.code ?? '')) throw e;
    });
  }
}
