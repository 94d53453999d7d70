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

export interface TemplateTarget {
  provider: Provider;
  /** Relative to workflows-templates/. */
  template: string;
  output: string;
}

export const GITHUB_FILES: readonly TemplateTarget[] = ['hop-validate', 'hop-promote', 'hop-upgrade'].map((name) => ({
  provider: 'github',
  template: `github/${name}.yml`,
  output: `.github/workflows/${name}.yml`,
}));

export const GITLAB_COMPONENT_FILE = '.gitlab/hop-ci.yml';
export const GITLAB_FILES: readonly TemplateTarget[] = [
  { provider: 'gitlab', template: 'gitlab/hop-ci.yml', output: GITLAB_COMPONENT_FILE },
];

export function targetsFor(providers: readonly Provider[]): TemplateTarget[] {
  return [...(providers.includes('github') ? GITHUB_FILES : []), ...(providers.includes('gitlab') ? GITLAB_FILES : [])];
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
  };
}

export interface RenderedFile {
  target: TemplateTarget;
  content: string;
}

/** Every generated file's full text, header included. Pure given the template reader. */
export function renderTargets(options: GenerateOptions, readTemplate: (name: string) => string, regenerate: string): RenderedFile[] {
  const values = templateValues(options);
  return targetsFor(options.providers).map((target) => {
    const body = renderTemplate(readTemplate(target.template), values, target.template);
    return {
      target,
      content: withHeader(body, { version: options.hopCiVersion, template: `workflows-templates/${target.template}`, regenerate }),
    };
  });
}
