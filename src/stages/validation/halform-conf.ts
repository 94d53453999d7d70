/**
 * The half_orm connection file a test run (and a `.py` patch) reads: `$HALFORM_CONF_DIR/<name>`,
 * INI `[database]` with name, user, password, host, port, production = False (HOP-FORMAT.md).
 */
import { promises as fs } from 'node:fs';

export interface HalfOrmConnection {
  database: string;
  /** libpq variables of the server (PGHOST, PGPORT, PGUSER, PGPASSWORD). */
  env: Readonly<Record<string, string>>;
}

export function renderHalfOrmConf(c: HalfOrmConnection): string {
  return [
    '[database]',
    `name = ${c.database}`,
    `user = ${c.env['PGUSER'] ?? ''}`,
    `password = ${c.env['PGPASSWORD'] ?? ''}`,
    `host = ${c.env['PGHOST'] ?? ''}`,
    `port = ${c.env['PGPORT'] ?? ''}`,
    // Only the literal False means false to half_orm: never a production database.
    'production = False',
    '',
  ].join('\n');
}

/** Writes `<dir>/<configName>` (mode 600: it may hold a password). */
export async function writeHalfOrmConf(dir: string, configName: string, c: HalfOrmConnection): Promise<string> {
  const file = `${dir}/${configName}`;
  await fs.writeFile(file, renderHalfOrmConf(c), { mode: 0o600 });
  return file;
}
