/**
 * Cleanups that must also run when the process is interrupted (Ctrl-C, SIGTERM from a
 * cancelled CI job): stop the throwaway cluster, kill child processes, remove temp
 * folders. Normal paths call their own cleanup in `finally`; this is the safety net.
 */
type Cleanup = () => Promise<void> | void;

const cleanups = new Set<Cleanup>();
/** Synchronous last resorts for a plain `process.exit` (no await possible there). */
const exitCleanups = new Set<() => void>();
let installed = false;
let running = false;

const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM' | 'SIGHUP', number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

async function runAllAndExit(signal: keyof typeof SIGNAL_EXIT): Promise<void> {
  if (running) return;
  running = true;
  process.stderr.write(`\nhop-ci: ${signal} received, cleaning up…\n`);
  // Newest first: children before the cluster they talk to.
  for (const fn of [...cleanups].reverse()) {
    try {
      await fn();
    } catch {
      // keep going: the other cleanups matter as much
    }
  }
  cleanups.clear();
  process.exit(SIGNAL_EXIT[signal]);
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of Object.keys(SIGNAL_EXIT) as Array<keyof typeof SIGNAL_EXIT>) {
    process.on(signal, () => void runAllAndExit(signal));
  }
  process.on('exit', () => {
    for (const fn of exitCleanups) {
      try {
        fn();
      } catch {
        // nothing more can be done at exit
      }
    }
  });
}

/** Registers `fn` (and optionally a synchronous `atExit`); returns the function that unregisters both. */
export function onInterrupt(fn: Cleanup, atExit?: () => void): () => void {
  install();
  cleanups.add(fn);
  if (atExit) exitCleanups.add(atExit);
  return () => {
    cleanups.delete(fn);
    if (atExit) exitCleanups.delete(atExit);
  };
}
