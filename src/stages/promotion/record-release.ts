/**
 * half-orm-dev records a production release in `half_orm_meta.hop_release` before it
 * dumps the metadata (the fixtures' `metadata-0.1.0.sql` holds the row `0 1 0`); hop-ci does
 * the same on the validated database, so the dump says which release it is.
 */
import { parseRelease } from '../../core/version.js';
import type { ValidatedDatabase } from '../../ports.js';
import { connectDatabase } from '../../adapters/postgres/managed-server.js';

export async function recordReleaseInDatabase(db: ValidatedDatabase, version: string): Promise<void> {
  const id = parseRelease(version);
  if (id.level !== 'release') return; // the table cannot hold an rc or hotfix level here
  const client = await connectDatabase(db.server, db.name);
  try {
    const { rows } = await client.query<{ t: string | null }>(`select to_regclass('half_orm_meta.hop_release')::text as t`);
    if (!rows[0]?.t) return; // a project without half_orm_meta: nothing to record
    await client.query(
      `insert into half_orm_meta.hop_release (major, minor, patch, pre_release, pre_release_num)
       values ($1, $2, $3, '', '') on conflict do nothing`,
      [id.major, id.minor, id.patch],
    );
  } finally {
    await client.end();
  }
}
