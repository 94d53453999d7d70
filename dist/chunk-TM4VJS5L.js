import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  releaseLocks,
  splitSql
} from "./chunk-LGT3NFJ7.js";

// src/adapters/release-locks.ts
async function locksOfRelease(files, serverMajor) {
  const locked = [];
  for (const file of files) {
    const label = `${file.patch}/${file.name}`;
    if (file.kind !== "sql") {
      locked.push({ label, kind: file.kind });
      continue;
    }
    const split = await splitSql(file.text, serverMajor);
    locked.push(split.ok ? { label, kind: "sql", statements: split.statements } : { label, kind: "sql" });
  }
  return releaseLocks(locked);
}

export {
  locksOfRelease
};
