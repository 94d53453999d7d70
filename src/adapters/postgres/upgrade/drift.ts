/**
 * The expected side of the drift check: a recorded schema dump restored into a database
 * of a throwaway cluster, never on the production server. The dump is pg_dump output for
 * psql; it may GRANT to roles that exist only in production: those statements fail here
 * and are let go (privileges are not compared), any other failure stops the check.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HopError } from '../../../core/errors.js';
import type { DatabaseServer } from '../../../ports.js';
import { findClientTool, type Env } from '../binaries.js';
import { runChild } from '../child.js';
import { libpqEnv } from '../psql.js';
import { makeTempFolder } from '../../temp-folders.js';

/** psql errors that are about roles only (GRANT/REVOKE/OWNER TO a role this cluster lacks). */
const ROLE_ONLY = /^psql:.*: ERROR: {2}role ".*" does not exist$/;

export async function restoreRecordedDump(
  server: DatabaseServer,
  database: string,
  dump: { text: string; name: string },
  env: Env,
): Promise<void> {
  // Named after this process and removed on SIGINT/SIGTERM; a kill -9 leaves it to the next run's reaper.
  const folder = makeTempFolder('drift');
  try {
    const file = path.join(folder.path, 'schema.sql');
    await writeFile(file, dump.text, { mode: 0o600 });
    const psql = await findClientTool('psql', { env });
    const r = await runChild(psql, ['-X', '-q', '-f', file], { env: libpqEnv(server, database, env) });
    const errors = r.stderr.split('\n').filter((l) => /^psql:.*: (ERROR|FATAL):/.test(l));
    const blocking = errors.filter((l) => !ROLE_ONLY.test(l));
    if (r.code !== 0 || blocking.length) {
      const first = (blocking[0] ?? r.stderr.trim().split('\n').pop() ?? 'psql failed').replace(/^psql:[^:]*:/, `${dump.name}:`);
      throw new HopError(`the drift check could not restore ${dump.name} into a throwaway PostgreSQL ${server.majorVersion}: ${first}`, {
        kind: 'failed',
        file: dump.name,
        hint: 'the recorded dump must restore on this PostgreSQL (an extension it needs may be missing); pass --allow-drift to upgrade without the check',
        code: 'drift-restore',
      });
    }
  } finally {
    await folder.remove();
  }
}
