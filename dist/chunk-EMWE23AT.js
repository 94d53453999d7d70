import { createRequire as __hopCreateRequire } from 'node:module'; import { fileURLToPath as __hopFileURLToPath } from 'node:url'; import { dirname as __hopDirname } from 'node:path'; const require = __hopCreateRequire(import.meta.url); const __filename = __hopFileURLToPath(import.meta.url); const __dirname = __hopDirname(__filename);
import {
  locksOfRelease
} from "./chunk-TM4VJS5L.js";
import "./chunk-LGT3NFJ7.js";
import "./chunk-ZOS35ALX.js";
import "./chunk-UQEAN7LJ.js";
export {
  locksOfRelease
};
