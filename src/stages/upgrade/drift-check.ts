/**
 * The drift check of an upgrade: the expected schema of the database's release is built in
 * a throwaway cluster (the nearest recorded dump, read from git at its tag, plus the
 * releases after it up to the database's: hotfixes half-orm-dev promoted without a dump),
 * then both catalogs are compared object by object. hop-ci's own schema is left out.
 */
import type pg from 'pg';
import { compareCatalogs, type CatalogChange, type CatalogSnapshot } from '../../core/catalog.js';
import { expectedSchemaCandidates, type DriftStatus } from '../../core/upgrade-drift.js';
import { LEDGER_SCHEMA } from '../../core/upgrade-ledger.js';
import { planUpgrade, type DatabasePosition, type PlannedRelease } from '../../core/upgrade-plan.js';
import type { ProjectState } from '../../core/state.js';
import type { CiProvider, DatabaseServer, StageContext } from '../../ports.js';
import type { GitReader } from '../../adapters/git-read.js';
import { readCatalog } from '../../adapters/postgres/catalog.js';
import { startEphemeralCluster } from '../../adapters/postgres/ephemeral.js';
import { addressFromUrl } from '../../adapters/postgres/server.js';
import { restoreRecordedDump } from '../../adapters/postgres/upgrade/drift.js';
import { ensureLedger } from '../../adapters/postgres/upgrade/ledger.js';
import { connectTarget, type TargetDatabase } from '../../adapters/postgres/upgrade/target.js';
import { applyAll } from './apply-all.js';
import { loadReleases } from './load-releases.js';

export interface DriftReport {
  status: DriftStatus;
  /** What the database was compared with: `.hop/model/schema-0.1.0.sql@v0.1.0 + 0.1.0.post1`. */
  against?: string;
  differences: CatalogChange[];
  note?: string;
}

export interface DriftRequest {
  ctx: StageContext;
  git: GitReader;
  state: ProjectState;
  position: DatabasePosition;
  /** A connection to the live database. */
  live: pg.Client;
  refusePython: boolean;
  python: string;
}

const EXPECTED_DB = 'hop_ci_expected';
const EXCLUDE = [LEDGER_SCHEMA];

export async function checkDrift(req: DriftRequest): Promise<DriftReport> {
  const { git, position, state } = req;
  for (const candidate of expectedSchemaCandidates(position.id, state)) {
    const ref = candidate.tag ? await git.commitOf(`refs/tags/${candidate.tag}`) : await git.commitOf('HEAD');
    const text = ref ? await git.readText(ref, candidate.path) : undefined;
    if (text === undefined) continue;
    const after =
      candidate.release === position.release
        ? []
        : planUpgrade(
            state,
            { release: candidate.release, id: candidate.id, source: 'ledger', appliedAtBase: [] },
            { to: position.release, includeRc: position.id.level === 'rc' },
          );
    const against = `${candidate.path}@${candidate.tag ?? 'HEAD'}${after.length ? ` + ${after.map((r) => r.release).join(' + ')}` : ''}`;
    const started = req.ctx.clock.now();
    // The live catalog is read while the throwaway cluster starts (its connection is idle then).
    const live = readCatalog(req.live, { exclude: EXCLUDE });
    live.catch(() => undefined); // awaited below; a rejection before then is not unhandled
    const expected = await withExpectedDatabase(req, { text, name: `${candidate.path}@${candidate.tag ?? 'HEAD'}` }, after);
    const actual = await live;
    const differences = compareCatalogs(expected, actual);
    req.ctx.ci.debug(`drift check: ${((req.ctx.clock.now() - started) / 1000).toFixed(2)} s`);
    return { status: differences.length ? 'drift' : 'none', against, differences };
  }
  return {
    status: 'skipped',
    differences: [],
    note: `no recorded schema dump for ${position.release} or a release below it: the drift check was skipped`,
  };
}

/** The expected catalog: the dump restored in a throwaway cluster, then `after` applied as an upgrade would. */
async function withExpectedDatabase(
  req: DriftRequest,
  dump: { text: string; name: string },
  after: PlannedRelease[],
): Promise<CatalogSnapshot> {
  const { ctx } = req;
  let server: DatabaseServer | undefined;
  try {
    server = await startEphemeralCluster({ env: ctx.env, log: (m) => ctx.ci.debug(m) });
    await server.createDatabase(EXPECTED_DB);
    await restoreRecordedDump(server, EXPECTED_DB, dump, ctx.env);
    const address = addressFromUrl(server.url(EXPECTED_DB));
    const target: TargetDatabase = {
      address,
      database: EXPECTED_DB,
      env: { ...address.env, PGDATABASE: EXPECTED_DB },
      describe: 'the drift check',
    };
    const client = await connectTarget(target, 'hop-ci drift check');
    try {
      if (after.length) {
        const notice = (m: string) => ctx.ci.debug(m);
        const releases = await loadReleases(req.git, after, { serverMajor: server.majorVersion, refusePython: req.refusePython, notice });
        await ensureLedger(client);
        await applyAll({
          client,
          ctx: { ...ctx, ci: quiet(ctx.ci) },
          releases,
          serverMajor: server.majorVersion,
          target,
          state: req.state,
          appName: 'hop-ci drift check',
          python: req.python,
          refusePython: req.refusePython,
          databaseUrl: server.url(EXPECTED_DB),
          onApplied: () => undefined,
        });
      }
      return await readCatalog(client, { exclude: EXCLUDE });
    } finally {
      await client.end().catch(() => undefined);
    }
  } finally {
    await server?.close().catch(() => undefined);
  }
}

/** The provider with the applier's progress turned into debug lines: building the expected schema is not the upgrade. */
function quiet(ci: CiProvider): CiProvider {
  return Object.assign(Object.create(ci) as CiProvider, {
    info: (m: string) => ci.debug(m),
    warning: (m: string) => ci.debug(m),
    group: <T>(_title: string, fn: () => Promise<T>) => fn(),
  });
}
