import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  statementsToCut
} from "./chunk-LGT3NFJ7.js";
import {
  HopError
} from "./chunk-ZOS35ALX.js";

// src/core/release-parts.ts
function chunkOf(file, statements) {
  const first = statements[0];
  const last = statements[statements.length - 1];
  return { file, offset: first.offset, text: file.text.slice(first.offset, last.offset + last.text.length), statements };
}
function planParts(files) {
  const parts = [];
  const skipped = [];
  let open;
  const close = () => {
    if (open?.length) parts.push({ kind: "transaction", chunks: open });
    open = void 0;
  };
  const add = (chunk) => (open ??= []).push(chunk);
  for (const file of files) {
    if (file.kind !== "sql") {
      close();
      parts.push({ kind: file.kind === "py" ? "python" : "psql", file });
      continue;
    }
    if (!file.statements) {
      if (file.text.trim() !== "") add({ file, offset: 0, text: file.text });
      continue;
    }
    let run = [];
    const flush = () => {
      if (run.length) add(chunkOf(file, run));
      run = [];
    };
    for (const s of file.statements) {
      if (s.transactionControl === "other") {
        throw new HopError(`${file.path}:${s.line}: ${firstLine(s.text)} cannot run in a patch`, {
          kind: "failed",
          file: file.path,
          line: s.line,
          hint: "remove ROLLBACK / PREPARE TRANSACTION from the patch: hop-ci runs its transactional SQL in one transaction",
          code: "transaction-control"
        });
      }
      if (s.transactionControl) {
        flush();
        skipped.push({ file, statement: s });
      } else if (s.nonTransactional) {
        flush();
        close();
        parts.push({ kind: "statement", file, statement: s, what: s.nonTransactional });
      } else run.push(s);
    }
    flush();
  }
  close();
  return { parts, skipped };
}
function firstLine(text) {
  return text.trim().split("\n")[0];
}
function summarizePart(part, showPatch) {
  const name = (f) => showPatch ? `${f.patch}/${f.name}` : f.name;
  switch (part.kind) {
    case "transaction": {
      const files = [...new Set(part.chunks.map((c) => name(c.file)))];
      return { kind: part.kind, what: `SQL ${files.length > 2 ? `${files[0]} \u2026 ${files[files.length - 1]}` : files.join(", ")}` };
    }
    case "python":
      return { kind: part.kind, what: `Python ${name(part.file)}` };
    case "psql":
      return { kind: part.kind, what: `psql ${name(part.file)}` };
    case "statement":
      return { kind: part.kind, what: `${part.what} ${name(part.file)}:${part.statement.line}` };
  }
}
function summarizeParts(parts) {
  const patches = new Set(parts.flatMap((p) => p.kind === "transaction" ? p.chunks.map((c) => c.file.patch) : [p.file.patch]));
  return parts.map((p) => summarizePart(p, patches.size > 1));
}
function describeAtomicity(release, parts) {
  if (parts.length === 0) return `${release} has nothing to run`;
  if (parts.length === 1 && parts[0].kind === "transaction") return `${release} runs in one transaction (all or nothing)`;
  if (parts.length === 1) return `${release} runs in 1 part, outside a transaction: ${parts[0].what}`;
  const k = Math.min(3, parts.length);
  const left = k - 1 === 1 ? "part 1" : `parts 1\u2013${k - 1}`;
  return `${release} runs in ${parts.length} parts: ${parts.map((p, i) => `${i + 1}. ${p.what}`).join("; ")}; a failure in part ${k} leaves ${left} applied and recorded`;
}

// src/core/patch-files.ts
function patchFileKind(name) {
  const lower = name.toLowerCase();
  if (lower.endsWith(".sql")) return "sql";
  if (lower.endsWith(".psql")) return "psql";
  if (lower.endsWith(".py")) return "py";
  return void 0;
}
var CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
function selectPatchFiles(names, folder) {
  const unsafe = names.find((n) => CONTROL_CHARACTER.test(n));
  if (unsafe !== void 0)
    throw new HopError(`patch folder ${folder} has a file whose name contains a control character: ${JSON.stringify(unsafe)}`, {
      kind: "input",
      file: folder,
      hint: "rename the file (`git mv`) to a name without line breaks, tabs or other control characters, and push again",
      code: "patch-file-name"
    });
  const sorted = [...names].sort((a, b) => {
    const la = a.toLowerCase();
    const lb = b.toLowerCase();
    return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  });
  const run = [];
  const ignored = [];
  for (const name of sorted) {
    if (name.toLowerCase() === "readme.md") continue;
    const kind = patchFileKind(name);
    if (kind) run.push({ name, kind });
    else ignored.push(name);
  }
  return { run, ignored };
}

// src/adapters/release-file.ts
async function toReleaseFile(file, serverMajor) {
  if (file.kind !== "sql") return { file };
  const split = await statementsToCut(file.text, serverMajor);
  if (!split) return { file };
  if (!split.ok) return { file, syntaxError: { message: split.message, line: split.line, column: split.column } };
  return { file: { ...file, statements: split.statements } };
}

export {
  planParts,
  summarizeParts,
  describeAtomicity,
  selectPatchFiles,
  toReleaseFile
};
