/** hop-ci's own version, injected at build time (see scripts/build.mjs). */
declare const __HOP_CI_VERSION__: string | undefined;
export const VERSION: string = typeof __HOP_CI_VERSION__ === 'string' ? __HOP_CI_VERSION__ : '0.0.0-dev';
