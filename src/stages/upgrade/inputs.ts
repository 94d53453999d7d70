/** The inputs of the upgrade stage, typed and checked before anything connects. */
import { HopError } from '../../core/errors.js';
import { parseRelease } from '../../core/version.js';
import type { StageContext } from '../../ports.js';
import { booleanInput } from '../inputs.js';

export interface UpgradeInputs {
  databaseUrl?: string;
  to?: string;
  includeRc: boolean;
  dryRun: boolean;
  allowDrift: boolean;
  skipBackup: boolean;
  allowPython: boolean;
  backupDir?: string;
  /** An age public key: the backup is written encrypted (`.dump.age`). */
  backupRecipient?: string;
  /** Rehearse on a template copy on the target's server rather than on a throwaway cluster. */
  rehearseOnServer: boolean;
  lockTimeoutMs: number;
  baseline?: string;
  python: string;
}

export function readUpgradeInputs(ctx: Pick<StageContext, 'ci' | 'env'>, allowRcByConfig: boolean): UpgradeInputs {
  const { ci } = ctx;
  const timeout = ci.input('lock-timeout') ?? '60';
  const seconds = Number(timeout.replace(/s$/, ''));
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new HopError(`input 'lock-timeout' must be a number of seconds, not '${timeout}'`, { code: 'bad-input' });
  }
  const to = ci.input('to-release');
  if (to) parseRelease(to, 'target release');
  const baseline = ci.input('baseline');
  if (baseline) parseRelease(baseline, 'baseline version');
  const databaseUrl = ci.input('database-url') ?? ctx.env['DATABASE_URL'];
  if (databaseUrl) ci.setSecret(databaseUrl);
  return {
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(to ? { to } : {}),
    includeRc: booleanInput(ci, 'include-rc') ?? allowRcByConfig,
    dryRun: booleanInput(ci, 'dry-run') ?? false,
    allowDrift: booleanInput(ci, 'allow-drift') ?? false,
    skipBackup: booleanInput(ci, 'skip-backup') ?? false,
    allowPython: booleanInput(ci, 'allow-python') ?? false,
    ...(ci.input('backup-dir') ? { backupDir: ci.input('backup-dir') } : {}),
    ...(ci.input('backup-recipient') ? { backupRecipient: ci.input('backup-recipient')!.trim() } : {}),
    rehearseOnServer: booleanInput(ci, 'rehearse-on-server') ?? false,
    lockTimeoutMs: seconds * 1000,
    ...(baseline ? { baseline } : {}),
    python: ci.input('python') ?? 'python3',
  };
}
