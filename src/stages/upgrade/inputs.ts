/** The inputs of the upgrade stage, typed and checked before anything connects. */
import { HopError } from '../../core/errors.js';
import { parseRelease } from '../../core/version.js';
import type { StageContext } from '../../ports.js';
import { booleanInput } from '../inputs.js';

export interface UpgradeInputs {
  databaseUrl?: string;
  to?: string;
  /** `include-rc` when given; else the project's `allow_rc` decides (read with the project). */
  includeRc?: boolean;
  dryRun: boolean;
  allowDrift: boolean;
  skipBackup: boolean;
  /** `--no-python` / `python: refuse`: refuse releases with `.py` files (`--allow-python` changes nothing). */
  refusePython: boolean;
  backupDir?: string;
  /** An age public key: the backup is written encrypted (`.dump.age`). */
  backupRecipient?: string;
  /** Rehearse on a template copy on the target's server rather than on a throwaway cluster. */
  rehearseOnServer: boolean;
  /** How long to wait for another upgrade's advisory lock (`lock-timeout`). */
  lockTimeoutMs: number;
  /** How long each release transaction is retried while other sessions hold its locks (`lock-wait`). */
  lockWaitMs: number;
  statementTimeoutMs?: number;
  baseline?: string;
  python: string;
}

function seconds(ci: StageContext['ci'], name: string, fallback?: string): number | undefined {
  const text = ci.input(name) ?? fallback;
  if (text === undefined) return undefined;
  const value = Number(text.replace(/s$/, ''));
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new HopError(`input '${name}' must be a number of seconds, not '${text}'`, { code: 'bad-input' });
  }
  return value;
}

export function readUpgradeInputs(ctx: Pick<StageContext, 'ci' | 'env'>): UpgradeInputs {
  const { ci } = ctx;
  const lockTimeout = seconds(ci, 'lock-timeout', '60')!;
  const lockWait = seconds(ci, 'lock-wait', '120')!;
  const statementTimeout = seconds(ci, 'statement-timeout');
  const python = ci.input('python') ?? 'python3';
  const to = ci.input('to-release');
  if (to) parseRelease(to, 'target release');
  const baseline = ci.input('baseline');
  if (baseline) parseRelease(baseline, 'baseline version');
  const databaseUrl = ci.input('database-url') ?? ctx.env['DATABASE_URL'];
  if (databaseUrl) ci.setSecret(databaseUrl);
  const includeRc = booleanInput(ci, 'include-rc');
  return {
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(to ? { to } : {}),
    ...(includeRc !== undefined ? { includeRc } : {}),
    dryRun: booleanInput(ci, 'dry-run') ?? false,
    allowDrift: booleanInput(ci, 'allow-drift') ?? false,
    skipBackup: booleanInput(ci, 'skip-backup') ?? false,
    refusePython: python === 'refuse',
    ...(ci.input('backup-dir') ? { backupDir: ci.input('backup-dir') } : {}),
    ...(ci.input('backup-recipient') ? { backupRecipient: ci.input('backup-recipient')!.trim() } : {}),
    rehearseOnServer: booleanInput(ci, 'rehearse-on-server') ?? false,
    lockTimeoutMs: lockTimeout * 1000,
    lockWaitMs: lockWait * 1000,
    ...(statementTimeout ? { statementTimeoutMs: statementTimeout * 1000 } : {}),
    ...(baseline ? { baseline } : {}),
    python: python === 'refuse' ? 'python3' : python,
  };
}
