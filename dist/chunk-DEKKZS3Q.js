import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  HopError
} from "./chunk-ZOS35ALX.js";

// src/stages/inputs.ts
function booleanInput(ci, name) {
  const v = ci.input(name);
  if (v === void 0) return void 0;
  if (/^(true|yes|on|1)$/i.test(v)) return true;
  if (/^(false|no|off|0)$/i.test(v)) return false;
  throw new HopError(`input '${name}' must be true or false, not '${v}'`, { code: "bad-input" });
}

export {
  booleanInput
};
