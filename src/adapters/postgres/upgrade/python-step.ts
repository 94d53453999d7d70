/**
 * Where an upgrade's `.psql` and `.py` files run: each patch folder as it is at its
 * release's tag, written to a temp folder (their working directory), and the connection in
 * the environment as validation gives it (PG* variables, DATABASE_URL, a half_orm
 * connection file under HALFORM_CONF_DIR named after the project's config name), the
 * checkout on PYTHONPATH. `dispose()` removes the folder.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Env } from '../binaries.js';
import { toolEnv } from './backup.js';
import type { TargetDatabase } from './target.js';
import { makeTempFolder } from '../../temp-folders.js';

export interface ChildPlaceOptions {
  target: TargetDatabase;
  databaseUrl: string;
  projectRoot: string;
  dbConfigName: string;
  env: Env;
}

export interface ChildPlace {
  env: Record<string, string>;
  /** The folder of a patch of a release, written on first use. */
  folderOf(release: string, patch: string, files: Map<string, Buffer>): Promise<string>;
  dispose(): Promise<void>;
}

function halfOrmConf(t: TargetDatabase): string {
  const pg = t.address.pg;
  return [
    '[database]',
    `name = ${t.database}`,
    `user = ${pg.user}`,
    ...(pg.password ? [`password = ${pg.password}`] : []),
    `host = ${pg.host}`,
    `port = ${pg.port}`,
    'production = True',
    '',
  ].join('\n');
}

export async function prepareChildPlace(o: ChildPlaceOptions): Promise<ChildPlace> {
  // Named after this process and removed on SIGINT/SIGTERM; a kill -9 leaves it to the next run's reaper.
  const folder = makeTempFolder('files');
  const dir = folder.path;
  const conf = path.join(dir, 'conf');
  await mkdir(conf, { recursive: true, mode: 0o700 });
  await writeFile(path.join(conf, o.dbConfigName), halfOrmConf(o.target), { mode: 0o600 });
  const env = {
    ...toolEnv(o.env, o.target, 'hop-ci upgrade'),
    DATABASE_URL: o.databaseUrl,
    HALFORM_CONF_DIR: conf,
    PYTHONPATH: [o.projectRoot, o.env['PYTHONPATH']].filter(Boolean).join(path.delimiter),
  };
  const written = new Map<string, string>();
  return {
    env,
    async folderOf(release, patch, files) {
      const key = `${release}/${patch}`;
      const known = written.get(key);
      if (known) return known;
      const folder = path.join(dir, 'patches', release, patch);
      await mkdir(folder, { recursive: true });
      for (const [name, content] of files) await writeFile(path.join(folder, name), content);
      written.set(key, folder);
      return folder;
    },
    dispose: () => folder.remove(),
  };
}
