/**
 * Sets the process exit code and keeps it: a dependency's exit hook (such as
 * async-exit-hook, which calls process.exit(0) when the event loop drains) must not turn
 * a failed stage into a success. Node reads process.exitCode again after the 'exit'
 * listeners have run.
 */
export function keepExitCode(code: number): void {
  process.exitCode = code;
  process.on('exit', () => {
    process.exitCode = code;
  });
}
