import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  HopError
} from "./chunk-ZOS35ALX.js";

// src/adapters/workspace-fs.ts
import { promises as fs, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
async function exists(p) {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}
async function listDirs(p) {
  try {
    const entries = await fs.readdir(p, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}
async function readSchemaLink(modelDir) {
  const p = path.join(modelDir, "schema.sql");
  let st;
  try {
    st = await fs.lstat(p);
  } catch {
    return { kind: "missing" };
  }
  if (!st.isSymbolicLink()) return { kind: "file" };
  const target = await fs.readlink(p);
  return { kind: "symlink", target, targetExists: await exists(path.resolve(modelDir, target)) };
}
async function currentBranch(root) {
  try {
    let gitDir = path.join(root, ".git");
    const st = await fs.stat(gitDir);
    if (st.isFile()) {
      const m = /^gitdir:\s*(.+)$/m.exec(await fs.readFile(gitDir, "utf8"));
      if (!m) return void 0;
      gitDir = path.resolve(root, m[1].trim());
    }
    const head = (await fs.readFile(path.join(gitDir, "HEAD"), "utf8")).trim();
    const ref = /^ref: refs\/heads\/(.+)$/.exec(head);
    return ref ? ref[1] : void 0;
  } catch {
    return void 0;
  }
}
var FsWorkspace = class {
  async findRoot(from) {
    let dir = path.resolve(from);
    for (; ; ) {
      if (await exists(path.join(dir, ".hop", "config"))) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) {
        throw new HopError(`no .hop/config in ${path.resolve(from)} or any folder above it`, {
          hint: "run hop-ci inside a half-orm-dev project (or pass --cwd / working-directory)",
          code: "no-project"
        });
      }
      dir = parent;
    }
  }
  async readProject(root) {
    const hop = path.join(root, ".hop");
    const releasesDir = path.join(hop, "releases");
    let entries = [];
    try {
      entries = readdirSync(releasesDir, { withFileTypes: true });
    } catch {
    }
    const releaseFiles = entries.filter((e) => e.isFile()).map((e) => ({ name: e.name, text: readFileSync(path.join(releasesDir, e.name), "utf8") }));
    const altConfig = await fs.readFile(path.join(hop, "alt_config"), "utf8").then(
      (t) => t.split("\n")[0],
      () => void 0
    );
    const patches = path.join(root, "Patches");
    const [configText, modelFiles, rootDirs, staged, orphaned, schemaLink, branch] = await Promise.all([
      fs.readFile(path.join(hop, "config"), "utf8"),
      fs.readdir(path.join(hop, "model")).catch(() => []),
      listDirs(patches),
      listDirs(path.join(patches, "staged")),
      listDirs(path.join(patches, "orphaned")),
      readSchemaLink(path.join(hop, "model")),
      currentBranch(root)
    ]);
    return {
      root,
      configText,
      ...altConfig?.trim() ? { altConfig: altConfig.trim() } : {},
      releaseFiles,
      schemaLink,
      modelFiles,
      patchDirs: { root: rootDirs, staged, orphaned },
      ...branch ? { branch } : {}
    };
  }
  readText(p) {
    return fs.readFile(p, "utf8");
  }
  async writeText(p, text) {
    await fs.mkdir(path.dirname(p), { recursive: true });
    await fs.writeFile(p, text);
  }
  exists(p) {
    return exists(p);
  }
  async list(p) {
    return (await fs.readdir(p).catch(() => [])).sort();
  }
  async remove(p) {
    await fs.rm(p, { recursive: true, force: true });
  }
  async symlink(target, p) {
    await fs.rm(p, { force: true });
    await fs.symlink(target, p);
  }
};

export {
  FsWorkspace
};
