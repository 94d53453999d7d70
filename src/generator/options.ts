/**
 * The options of `hop-ci generate`: where each comes from (flag, then `.hop/ci.toml`,
 * then a default worked out from the project), and what a valid value looks like.
 * Pure: the caller reads the files and passes what it found.
 */
import { HopError } from '../core/errors.js';
import { DEFAULT_PROMOTION_MODE, PROMOTION_MODES, type PromotionMode } from '../core/promotion-mode.js';

export type Provider = 'github' | 'gitlab';
export const PROVIDERS: readonly Provider[] = ['github', 'gitlab'];

/** The option names, as flags and as keys of `.hop/ci.toml`. */
export const OPTION_NAMES = [
  'provider',
  'postgres-version',
  'python-version',
  'install-command',
  'upgrade-install-command',
  'test-command',
  'action-ref',
  'validate-timeout',
  'promote-timeout',
  'upgrade-timeout',
  'promotion',
] as const;
export type OptionName = (typeof OPTION_NAMES)[number];
export type RawOptions = Partial<Record<OptionName, string>>;

export const DEFAULT_POSTGRES_VERSION = '16';
export const DEFAULT_PYTHON_VERSION = '3.12';
/**
 * Job time limits in minutes (GitHub's default is 360: an upgrade stuck behind a lock
 * would wait six hours). Validation and promotion replay a release on an empty database;
 * an upgrade works on real data and may wait for locks, within its own bounded retries.
 */
export const DEFAULT_TIMEOUTS = { validate: 30, promote: 30, upgrade: 60 } as const;
export type TimeoutKind = keyof typeof DEFAULT_TIMEOUTS;
const TIMEOUT_OPTION: Record<TimeoutKind, OptionName> = {
  validate: 'validate-timeout',
  promote: 'promote-timeout',
  upgrade: 'upgrade-timeout',
};

export interface GenerateOptions {
  providers: Provider[];
  /** The PostgreSQL image tag of the service, e.g. `16` or `16.4`. */
  postgresVersion: string;
  /** Its major version: the least pg_dump/psql major the jobs need. */
  postgresMajor: number;
  pythonVersion: string;
  installCommand: string;
  /**
   * The install command of the upgrade job, which runs beside the production database
   * URL: a pinned one (e.g. `pip install --require-hashes -r requirements.lock`) is wise.
   */
  upgradeInstallCommand: string;
  /** Job time limits, in minutes. */
  timeouts: Record<TimeoutKind, number>;
  /** Undefined: the stage's own default. */
  testCommand?: string;
  actionRef: string;
  /** push: promotions push ho-prod (in a protected `release` environment); pull-request: through a reviewed PR/MR, finalised on the push to ho-prod. */
  promotion: PromotionMode;
  /** The hop-ci version written in the headers and pinned in the GitLab jobs. */
  hopCiVersion: string;
  /** The hop project relative to the git top level (posix), or undefined when they are the same. */
  workingDirectory?: string;
}

/** What the caller found in the project, to work out the defaults. */
export interface ProjectFacts {
  hopCiVersion: string;
  /** Providers to use when --provider and ci.toml say nothing (see detect.ts). */
  detectedProviders: Provider[] | undefined;
  /** Why no provider could be detected, for the error message. */
  detectionHint?: string;
  hasPythonPackaging: boolean;
  hasRequirementsTxt: boolean;
  workingDirectory?: string;
}

/**
 * The install command when none is given: the project itself when it is a Python package
 * (its dependencies then bring half_orm), else its requirements file, else what every hop
 * project needs to run its tests.
 */
export function defaultInstallCommand(facts: Pick<ProjectFacts, 'hasPythonPackaging' | 'hasRequirementsTxt'>): string {
  if (facts.hasPythonPackaging) return 'pip install -e .';
  if (facts.hasRequirementsTxt) return 'pip install -r requirements.txt';
  return 'pip install half_orm_dev pytest';
}

export function defaultActionRef(hopCiVersion: string): string {
  return `hop-ci/hop-ci@v${hopCiVersion}`;
}

interface Source {
  value: string;
  from: string;
}

function invalid(name: OptionName, src: Source, expected: string): HopError {
  const fromToml = src.from !== 'flag';
  return new HopError(`${fromToml ? `${src.from}: ` : ''}${name} '${src.value}' is not valid: ${expected}`, {
    hint: fromToml ? `fix '${name}' in ${src.from}, or override it with --${name}` : `fix --${name}`,
    code: 'generate-option',
    ...(fromToml ? { file: src.from } : {}),
  });
}

function singleLine(name: OptionName, src: Source): string {
  const v = src.value.trim();
  if (v === '' || /[\r\n]/.test(v)) throw invalid(name, src, 'one non-empty line (put longer scripts in a file and run that)');
  return v;
}

/** Resolves every option: flags win over `.hop/ci.toml`, which wins over the defaults. */
export function resolveOptions(flags: RawOptions, toml: RawOptions, tomlFile: string, facts: ProjectFacts): GenerateOptions {
  const pick = (name: OptionName): Source | undefined => {
    if (flags[name] !== undefined) return { value: flags[name]!, from: 'flag' };
    if (toml[name] !== undefined) return { value: toml[name]!, from: tomlFile };
    return undefined;
  };

  let providers: Provider[];
  const provider = pick('provider');
  if (provider) {
    const v = provider.value.trim();
    if (v === 'both') providers = [...PROVIDERS];
    else if ((PROVIDERS as readonly string[]).includes(v)) providers = [v as Provider];
    else throw invalid('provider', provider, 'github, gitlab or both');
  } else if (facts.detectedProviders?.length) {
    providers = facts.detectedProviders;
  } else {
    throw new HopError('cannot tell whether this project is on GitHub or GitLab', {
      hint: `pass --provider github|gitlab|both (or set provider in ${tomlFile})${facts.detectionHint ? `; ${facts.detectionHint}` : ''}`,
      code: 'generate-provider',
    });
  }

  const pg = pick('postgres-version') ?? { value: DEFAULT_POSTGRES_VERSION, from: 'default' };
  const pgMatch = /^(\d+)(\.\d+)?$/.exec(pg.value.trim());
  if (!pgMatch || Number(pgMatch[1]) < 10)
    throw invalid('postgres-version', pg, 'a PostgreSQL major (10 or later), optionally with a minor, e.g. 16 or 16.4');

  const py = pick('python-version') ?? { value: DEFAULT_PYTHON_VERSION, from: 'default' };
  if (!/^3\.\d+(\.\d+)?$/.test(py.value.trim()))
    throw invalid('python-version', py, 'a Python 3 version such as 3.12 (quote it in TOML: "3.10" is not 3.1)');

  const install = pick('install-command');
  const installCommand = install ? singleLine('install-command', install) : defaultInstallCommand(facts);
  const upgradeInstall = pick('upgrade-install-command');
  const test = pick('test-command');
  const timeouts = { ...DEFAULT_TIMEOUTS } as Record<TimeoutKind, number>;
  for (const kind of Object.keys(TIMEOUT_OPTION) as TimeoutKind[]) {
    const src = pick(TIMEOUT_OPTION[kind]);
    if (!src) continue;
    const v = src.value.trim();
    if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 360)
      throw invalid(TIMEOUT_OPTION[kind], src, 'a whole number of minutes from 1 to 360 (the most GitHub allows a hosted job)');
    timeouts[kind] = Number(v);
  }

  const ref = pick('action-ref');
  // A remote action must name a version; `./path` is a local action in the same repository.
  if (ref && !/^(\.\/[\w./-]*|[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[\w./-]+)$/.test(ref.value.trim())) {
    throw invalid('action-ref', ref, 'owner/repo@version (pinned), or ./path for a local action');
  }

  const promotion = pick('promotion') ?? { value: DEFAULT_PROMOTION_MODE, from: 'default' };
  if (!(PROMOTION_MODES as readonly string[]).includes(promotion.value.trim()))
    throw invalid('promotion', promotion, 'push or pull-request');

  return {
    providers,
    postgresVersion: pg.value.trim(),
    postgresMajor: Number(pgMatch[1]),
    pythonVersion: py.value.trim(),
    installCommand,
    upgradeInstallCommand: upgradeInstall ? singleLine('upgrade-install-command', upgradeInstall) : installCommand,
    timeouts,
    ...(test ? { testCommand: singleLine('test-command', test) } : {}),
    actionRef: ref ? ref.value.trim() : defaultActionRef(facts.hopCiVersion),
    promotion: promotion.value.trim() as PromotionMode,
    hopCiVersion: facts.hopCiVersion,
    ...(facts.workingDirectory ? { workingDirectory: facts.workingDirectory } : {}),
  };
}

/**
 * The options that differ from their defaults, as flags: written in each header so that
 * whoever regenerates a file knows how it was made.
 */
export function nonDefaultFlags(
  options: GenerateOptions,
  facts: Pick<ProjectFacts, 'hasPythonPackaging' | 'hasRequirementsTxt'>,
): string[] {
  const out: string[] = [];
  const add = (name: OptionName, value: string) =>
    out.push(`--${name} ${/^[\w.@/:-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`}`);
  if (options.postgresVersion !== DEFAULT_POSTGRES_VERSION) add('postgres-version', options.postgresVersion);
  if (options.pythonVersion !== DEFAULT_PYTHON_VERSION) add('python-version', options.pythonVersion);
  if (options.installCommand !== defaultInstallCommand(facts)) add('install-command', options.installCommand);
  if (options.upgradeInstallCommand !== options.installCommand) add('upgrade-install-command', options.upgradeInstallCommand);
  if (options.testCommand !== undefined) add('test-command', options.testCommand);
  for (const kind of Object.keys(TIMEOUT_OPTION) as TimeoutKind[])
    if (options.timeouts[kind] !== DEFAULT_TIMEOUTS[kind]) add(TIMEOUT_OPTION[kind], String(options.timeouts[kind]));
  if (options.actionRef !== defaultActionRef(options.hopCiVersion)) add('action-ref', options.actionRef);
  if (options.promotion !== DEFAULT_PROMOTION_MODE) add('promotion', options.promotion);
  return out;
}
