import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  LEDGER_TABLE
} from "./chunk-LS23UC4N.js";
import {
  describeAtomicity
} from "./chunk-PV6DJCVQ.js";
import {
  baseVersion,
  tryParseRelease
} from "./chunk-VIHRG64B.js";
import {
  describeReleaseLocks
} from "./chunk-LGT3NFJ7.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";

// src/core/upgrade-render.ts
function renderUpgradePlan(from, releases) {
  if (releases.length === 0) return `The database is at ${from}: nothing to apply.`;
  const to = releases[releases.length - 1].release;
  const lines = [`Upgrade ${from} \u2192 ${to}: ${releases.length} release${releases.length > 1 ? "s" : ""}`];
  for (const r of releases) {
    lines.push(`  ${r.release} (tag ${r.tag} at ${r.commit.slice(0, 12)})${r.patches.length ? "" : ": no new patch"}`);
    if (r.alreadyApplied.length) lines.push(`    already applied through an rc: ${r.alreadyApplied.join(", ")}`);
    for (const patch of r.patches) {
      lines.push(`    ${patch}`);
      for (const f of r.files.filter((x) => x.patch === patch)) lines.push(`      ${f.name}  sha256:${f.sha256}`);
    }
    if (r.parts.length > 1) lines.push(`    ${describeAtomicity(r.release, r.parts)}`);
    if (r.locks) lines.push(`    ${describeReleaseLocks(r.release, r.locks)}`);
    for (const name of r.ignored) lines.push(`    ignored: ${name}`);
  }
  return lines.join("\n");
}
function atomicityNotes(releases) {
  return releases.filter((r) => r.parts.length > 1).map((r) => describeAtomicity(r.release, r.parts));
}
function lockNotes(releases) {
  return releases.flatMap((r) => r.locks ? [describeReleaseLocks(r.release, r.locks)] : []);
}
function renderUpgradeSummary(title, from, to, rows, notes = []) {
  const hotfix = rows.length ? hotfixLevelNote(to) : void 0;
  if (hotfix) notes = [...notes, hotfix];
  return [
    `### ${title}`,
    `From **${from}** to **${to}**`,
    "",
    ...rows.length ? [
      "| release | patches | seconds |",
      "|---|---|---|",
      ...rows.map((r) => `| ${r.release} | ${r.patches.join(", ") || "\u2014"} | ${(r.durationMs / 1e3).toFixed(2)} |`),
      ""
    ] : ["Nothing to apply.", ""],
    ...notes.map((n) => `- ${n}`)
  ].join("\n");
}
function renderFailureAdvice(a) {
  if (!a.committed) {
    return `nothing was committed: the database is still at ${a.from}, no restore is needed; fix it in a new release and run the upgrade again`;
  }
  const kept = a.applied.length ? `releases ${a.applied.join(", ")} stay applied; ` : "";
  const back = a.backup ? `to go back to ${a.from} instead, with DATABASE_URL set to the database's URL (this restores hop-ci's record too): ${restoreCommand(a.backup, a.serverMajor)}` : "no backup was taken (--skip-backup)";
  return `${kept}fix it in a new release and run the upgrade again (it resumes where it stopped); ${back}`;
}
function shellQuote(text) {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
function restoreCommand(backup, serverMajor) {
  const source = backup.encrypted ? `age -d -i "$AGE_KEY_FILE" ${shellQuote(backup.path)} | pg_restore -f -` : `pg_restore -f - ${shellQuote(backup.path)}`;
  const dropSchemas = "DO $do$DECLARE s name; BEGIN FOR s IN SELECT nspname FROM pg_namespace WHERE nspname !~ $r$^pg_$r$ AND nspname <> $i$information_schema$i$ LOOP EXECUTE format($f$DROP SCHEMA %I CASCADE$f$, s); END LOOP; END$do$";
  const publicSchema = serverMajor >= 15 ? "CREATE SCHEMA public AUTHORIZATION pg_database_owner; GRANT USAGE ON SCHEMA public TO PUBLIC; COMMENT ON SCHEMA public IS $c$standard public schema$c$" : "CREATE SCHEMA public; GRANT ALL ON SCHEMA public TO PUBLIC; COMMENT ON SCHEMA public IS $c$standard public schema$c$";
  return `${source} | psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 --single-transaction -c '${dropSchemas}' -c '${publicSchema}' -f -`;
}
function hotfixLevelNote(to) {
  const id = tryParseRelease(to);
  if (id?.level !== "hotfix") return void 0;
  const base = baseVersion(id);
  return `**${to} is a hotfix level, which half-orm-dev cannot record**: \`half_orm_meta.hop_release\` still says ${base} (hop-ci's own record, \`${LEDGER_TABLE}\`, says ${to}). Upgrade this database with hop-ci only: \`half_orm dev upgrade\` would read ${base} and apply ${to}'s patches again.`;
}

// src/adapters/git-read.ts
import { execFile } from "node:child_process";
import { promisify } from "node:util";

// src/adapters/git-cat-file.ts
import { spawn } from "node:child_process";
var pipe = (stream) => stream;
var CatFileBatch = class {
  constructor(cwd, env) {
    this.cwd = cwd;
    this.env = env;
  }
  cwd;
  env;
  child;
  buffer = Buffer.alloc(0);
  /** Chunks received since `buffer` was last joined, and how many bytes `take` waits for before joining them. */
  arrived = [];
  arrivedBytes = 0;
  awaitedBytes = 0;
  pending = [];
  stderr = "";
  failure;
  /** The objects named (`<oid>`, `<rev>:<path>`, `<ref>^{commit}`), undefined for those that do not exist. */
  async read(names) {
    if (names.length === 0) return [];
    for (const name of names) if (/[\n\r]/.test(name)) throw new Error(`git object name with a line break: ${JSON.stringify(name)}`);
    const child = this.start();
    const answers = names.map(
      (name) => new Promise((resolve, reject) => {
        this.pending.push({ name, resolve, reject });
      })
    );
    child.ref();
    pipe(child.stdout).ref();
    child.stdin.write(`${names.join("\n")}
`);
    try {
      return await Promise.all(answers);
    } finally {
      if (this.pending.length === 0) {
        child.unref();
        pipe(child.stdout).unref();
      }
    }
  }
  close() {
    this.child?.stdin.end();
    this.child = void 0;
  }
  start() {
    if (this.failure) throw this.failure;
    if (this.child) return this.child;
    const child = spawn("git", ["cat-file", "--batch"], { cwd: this.cwd, env: this.env, stdio: "pipe" });
    this.child = child;
    child.unref();
    pipe(child.stdin).unref();
    pipe(child.stderr).unref();
    child.stderr.on("data", (c) => this.stderr += c.toString());
    child.stdout.on("data", (c) => this.take(c));
    const fail = (error) => {
      this.failure = error;
      if (this.child === child) this.child = void 0;
      for (const p of this.pending.splice(0)) p.reject(error);
    };
    child.on("error", fail);
    child.on("close", (code) => {
      if (this.pending.length) fail(new Error(`git cat-file --batch stopped (exit ${code ?? "signal"}): ${this.stderr.trim()}`));
      else if (this.child === child) this.child = void 0;
    });
    child.stdin.on("error", () => void 0);
    return child;
  }
  /**
   * Parses answers as they arrive: `<oid> <type> <size>\n<content>\n`, or `<name> missing\n`.
   * A large file comes in many 64 KiB chunks: they are joined once it is all there, not
   * each time one arrives (that copied a 25 MB file some 400 times).
   */
  take(chunk) {
    this.arrived.push(chunk);
    this.arrivedBytes += chunk.length;
    if (this.buffer.length + this.arrivedBytes < this.awaitedBytes) return;
    this.buffer = Buffer.concat([this.buffer, ...this.arrived]);
    this.arrived = [];
    this.arrivedBytes = 0;
    this.awaitedBytes = 0;
    for (; ; ) {
      const request = this.pending[0];
      if (!request) return;
      const eol = this.buffer.indexOf(10);
      if (eol < 0) return;
      const header = this.buffer.subarray(0, eol).toString("utf8");
      const fields = header.split(" ");
      if (fields.length !== 3 || !/^[0-9a-f]{40,64}$/.test(fields[0]) || !/^\d+$/.test(fields[2])) {
        this.buffer = this.buffer.subarray(eol + 1);
        this.pending.shift();
        request.resolve(void 0);
        continue;
      }
      const size = Number(fields[2]);
      const end = eol + 1 + size + 1;
      if (this.buffer.length < end) {
        this.awaitedBytes = end;
        return;
      }
      const content = Buffer.from(this.buffer.subarray(eol + 1, eol + 1 + size));
      this.buffer = this.buffer.subarray(end);
      this.pending.shift();
      request.resolve({ oid: fields[0], type: fields[1], content });
    }
  }
};

// src/adapters/git-read.ts
var run = promisify(execFile);
var IMMUTABLE = /^[0-9a-f]{40}(?:[0-9a-f]{24})?(?::|$)/;
var GitReader = class {
  constructor(root, env) {
    this.root = root;
    this.env = env;
    this.batch = new CatFileBatch(root, env);
  }
  root;
  env;
  batch;
  /** Answers already asked for, so that a prefetch made while the database connects is not read twice. */
  objects = /* @__PURE__ */ new Map();
  commits = /* @__PURE__ */ new Map();
  /** Ends the reader's git process (it also ends when hop-ci exits). */
  close() {
    this.batch.close();
  }
  async git(args) {
    const { stdout } = await run("git", args, { cwd: this.root, env: this.env, maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  }
  /** The commit a ref (tag, branch, sha) points to, or undefined when it does not exist. */
  async commitOf(ref) {
    return (await this.commitsOf([ref]))[0];
  }
  /** The commits of refs, in one request; undefined for those that do not exist. */
  async commitsOf(refs) {
    const asking = [...new Set(refs.filter((r) => !this.commits.has(r)))];
    if (asking.length) {
      const answers = this.batch.read(asking.map((r) => `${r}^{commit}`)).catch(() => asking.map(() => void 0));
      asking.forEach((ref, i) => {
        const commit = answers.then((objects) => {
          const o = objects[i];
          if (o?.type === "commit") return o.oid;
          this.commits.delete(ref);
          return void 0;
        });
        this.commits.set(ref, commit);
      });
    }
    return Promise.all(refs.map((r) => this.commits.get(r)));
  }
  /**
   * The commit of tag `tag`. A CI checkout is often shallow and without tags: when the tag
   * is missing, fetch it alone from `origin` before giving up.
   */
  async tagCommit(tag) {
    const local = await this.commitOf(`refs/tags/${tag}`);
    if (local) return local;
    try {
      await this.git(["fetch", "--quiet", "--no-tags", "origin", `+refs/tags/${tag}:refs/tags/${tag}`]);
    } catch {
    }
    const fetched = await this.commitOf(`refs/tags/${tag}`);
    if (fetched) return fetched;
    throw new HopError(`tag ${tag} is not in the repository`, {
      kind: "failed",
      hint: `fetch the release tags (\`git fetch --tags origin\`; with actions/checkout set \`fetch-depth: 0\`), or check that ${tag} was pushed`,
      code: "tag-missing"
    });
  }
  /** Objects by name (`<oid>`, `<commit>:<path>`); names that do not exist map to undefined. */
  async catFile(names) {
    const unique = [...new Set(names)];
    const asking = unique.filter((n) => !this.objects.has(n));
    if (asking.length) {
      const answers = this.batch.read(asking);
      asking.forEach((name, i) => {
        const object = answers.then((objects2) => objects2[i]);
        if (IMMUTABLE.test(name)) {
          this.objects.set(name, object);
          object.catch(() => this.objects.delete(name));
        } else
          this.objects.set(
            name,
            object.finally(() => this.objects.delete(name))
          );
      });
    }
    const objects = await Promise.all(unique.map((n) => this.objects.get(n)));
    return new Map(unique.map((name, i) => [name, objects[i]]));
  }
  /** The contents of blobs by object id, read through one `git cat-file --batch`. */
  async readBlobs(oids) {
    const result = /* @__PURE__ */ new Map();
    for (const [oid, object] of await this.catFile(oids)) {
      if (!object) throw new Error(`git object ${oid} is missing`);
      result.set(oid, object.content);
    }
    return result;
  }
  /**
   * The entries of folders (`<commit>:<path>`, not recursive) through one
   * `git cat-file --batch`: an upgrade reads every patch folder of every release at once.
   * A folder that does not exist maps to undefined.
   */
  async readFolders(specs) {
    const trees = await this.readTrees(specs.map((spec) => ({ name: spec, dir: spec.slice(spec.indexOf(":") + 1) })));
    return new Map(specs.map((spec, i) => [spec, trees[i]]));
  }
  /**
   * Trees by name (an oid, or `<commit>:<path>`), in the order asked, their entries' paths
   * under `dir`. A name that is not a tree gives undefined.
   */
  async readTrees(requests) {
    const result = [];
    const objects = await this.catFile(requests.map((r) => r.name));
    for (const { name, dir } of requests) {
      const object = objects.get(name);
      if (!object || object.type !== "tree") {
        result.push(void 0);
        continue;
      }
      const entries = [];
      const tree = object.content;
      let pos = 0;
      while (pos < tree.length) {
        const space = tree.indexOf(32, pos);
        const nul = tree.indexOf(0, space);
        const mode = tree.subarray(pos, space).toString("utf8");
        const name2 = tree.subarray(space + 1, nul).toString("utf8");
        const oid = tree.subarray(nul + 1, nul + 21).toString("hex");
        const type = mode === "40000" ? "tree" : mode === "160000" ? "commit" : "blob";
        entries.push({ mode: mode.padStart(6, "0"), type, oid, path: `${dir}/${name2}` });
        pos = nul + 21;
      }
      result.push(entries);
    }
    return result;
  }
  /** One file's text at `commit`, or undefined when the path does not exist there. */
  async readText(commit, path) {
    const object = (await this.catFile([`${commit}:${path}`])).get(`${commit}:${path}`);
    return object?.type === "blob" ? object.content.toString("utf8") : void 0;
  }
};

export {
  renderUpgradePlan,
  atomicityNotes,
  lockNotes,
  renderUpgradeSummary,
  renderFailureAdvice,
  GitReader
};
