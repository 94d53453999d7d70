/**
 * Loaded by ava in every test worker before the test file (package.json, ava.require):
 * the worker gets a temp folder of its own as TMPDIR, removed when it exits, so that what
 * the tests and the stages they run in-process put in the temp folder never outlives the
 * run — even on a path that forgot to clean up. Checks of "nothing left behind" look at
 * what the code under test does; this is only the net under the test suite.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const own = mkdtempSync(path.join(tmpdir(), `hop-ci-test-run-${process.pid}-`));
// As root, the throwaway cluster's `postgres` user may need to reach files under it.
chmodSync(own, 0o755);
process.env['TMPDIR'] = own;
process.on('exit', () => rmSync(own, { recursive: true, force: true }));
