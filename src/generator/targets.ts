/**
 * The files `generate` writes, per provider, and the values their templates receive.
 * Paths are relative to the git top level.
 */
import { renderTemplate, type TemplateValues } from './render.js';
import type { GenerateOptions, Provider } from './options.js';
import { PG_CLIENT_SCRIPT } from './pg-client-script.js';
import { GITLAB_NODE, NODE_SETUP_SCRIPT } from './node-setup-script.js';
import { ACTION_PINS, pinnedUses } from './action-pins.js';
import { withHeader } from './header.js';
import type { PromotionMode } from '../core/promotion-mode.js';

export interface TemplateTarget {
  provider: Provider;
  /** Relative to workflows-templates/. */
  template: string;
  output: string;
  /** Templates of more jobs rendered after it, in the same file (relative to workflows-templates/). */
  appended?: string[];
}

const githubFile = (name: string): TemplateTarget => ({
  provider: 'github',
  template: `github/${name}.yml`,
  output: `.github/workflows/${name}.yml`,
});

export const GITHUB_FILES: readonly TemplateTarget[] = ['hop-validate', 'hop-promote', 'hop-upgrade'].map(githubFile);
/** Promotion mode pull-request: the workflow on the push to ho-prod that finalises a merged promotion. */
export const GITHUB_FINALISE_FILE = githubFile('hop-finalise');

export const GITLAB_COMPONENT_FILE = '.gitlab/hop-ci.yml';
export const GITLAB_FILES: readonly TemplateTarget[] = [
  { provider: 'gitlab', template: 'gitlab/hop-ci.yml', output: GITLAB_COMPONENT_FILE },
];

export function targetsFor(providers: readonly Provider[], promotion: PromotionMode = 'push'): TemplateTarget[] {
  const viaRequests = promotion === 'pull-request';
  const github = [...GITHUB_FILES, ...(viaRequests ? [GITHUB_FINALISE_FILE] : [])];
  const gitlab = GITLAB_FILES.map((f) => (viaRequests ? { ...f, appended: ['gitlab/hop-finalise.yml'] } : f));
  return [...(providers.includes('github') ? github : []), ...(providers.includes('gitlab') ? gitlab : [])];
}

export function templateValues(o: GenerateOptions): TemplateValues {
  return {
    CI_VERSION: o.hopCiVersion,
    POSTGRES_VERSION: o.postgresVersion,
    POSTGRES_MAJOR: String(o.postgresMajor),
    PYTHON_VERSION: o.pythonVersion,
    NODE_VERSION: GITLAB_NODE.version,
    NODE_SHA256_X64: GITLAB_NODE.sha256.x64,
    NODE_SHA256_ARM64: GITLAB_NODE.sha256.arm64,
    NODE_SETUP_SCRIPT,
    INSTALL_COMMAND: o.installCommand,
    UPGRADE_INSTALL_COMMAND: o.upgradeInstallCommand,
    // GitHub: minutes; GitLab: a duration.
    VALIDATE_TIMEOUT_MINUTES: o.timeouts.validate,
    PROMOTE_TIMEOUT_MINUTES: o.timeouts.promote,
    UPGRADE_TIMEOUT_MINUTES: o.timeouts.upgrade,
    // `hop-ci plan` reads the release files only.
    PLAN_TIMEOUT_MINUTES: 5,
    VALIDATE_TIMEOUT: `${o.timeouts.validate}m`,
    PROMOTE_TIMEOUT: `${o.timeouts.promote}m`,
    UPGRADE_TIMEOUT: `${o.timeouts.upgrade}m`,
    ...Object.fromEntries(
      Object.entries(ACTION_PINS).map(([name, pin]) => [
        `USES_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`,
        { value: pinnedUses(pin), comment: ` ${pin.tag}` },
      ]),
    ),
    TEST_COMMAND: o.testCommand,
    TEST_COMMAND_OR_EMPTY: o.testCommand ?? '',
    ACTION_REF: o.actionRef,
    WORKING_DIRECTORY: o.workingDirectory,
    WORKING_DIRECTORY_OR_DOT: o.workingDirectory ?? '.',
    PG_CLIENT_SCRIPT,
    // push: a promotion to production needs the approval of the `release` environment;
    // pull-request: the reviewed merge is the approval, the job opens the request.
    PROMOTION: o.promotion === 'pull-request' ? o.promotion : undefined,
    PROMOTE_ENVIRONMENT: o.promotion === 'push' ? 'release' : undefined,
    PULL_REQUESTS_PERMISSION: o.promotion === 'pull-request' ? 'write' : undefined,
  };
}

export interface RenderedFile {
  target: TemplateTarget;
  content: string;
}

/** Every generated file's full text, header included. Pure given the template reader. */
export function renderTargets(options: GenerateOptions, readTemplate: (name: string) => string, regenerate: string): RenderedFile[] {
  const values = templateValues(options);
  return targetsFor(options.providers, options.promotion).map((target) => {
    const body = [target.template, ...(target.appended ?? [])].map((t) => renderTemplate(readTemplate(t), values, t)).join('\n');
    return {
      target,
      content: withHeader(body, { version: options.hopCiVersion, template: `workflows-templates/${target.template}`, regenerate }),
    };
  });
}
