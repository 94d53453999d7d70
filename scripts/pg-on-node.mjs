// An esbuild plugin shared by the build (scripts/build.mjs) and the upgrade bench's
// minimal node-postgres client (bench/upgrade.bench.ts), so both load pg the same way.
import { readFile } from 'node:fs/promises';

/**
 * pg asks at load whether it runs on Cloudflare Workers by constructing a `Response`. On
 * Node 20 (no `navigator`) that loads Node's internal undici, ~35 ms of every run that
 * connects (issue 11's benchmark). The bundle runs on Node only: the answer is no.
 */
export const pgOnNode = {
  name: 'pg-on-node',
  setup(b) {
    b.onLoad({ filter: /[\\/]pg[\\/]lib[\\/]stream\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patched = source.replace(/function isCloudflareRuntime\(\) \{/, 'function isCloudflareRuntime() {\n  return false;');
      if (patched === source) throw new Error(`${args.path}: isCloudflareRuntime() not found; check the pg-on-node patch`);
      return { contents: patched, loader: 'js' };
    });
  },
};
