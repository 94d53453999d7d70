/**
 * The raw inputs the core reads a project from. An adapter (src/adapters/workspace-fs.ts
 * for a checkout, or git for a ref) gathers them; the core only parses text.
 */
export interface ProjectFiles {
  /** The project root as the user knows it (messages only). */
  root: string;
  /** Text of `.hop/config`. */
  configText: string;
  /** `.hop/alt_config` first line, when the file exists. */
  altConfig?: string;
  /** Every entry of `.hop/releases/` with its text (README.md included; it is ignored). */
  releaseFiles: Array<{ name: string; text: string }>;
  /** `.hop/model/schema.sql`. */
  schemaLink: SchemaLinkInfo;
  /** File names in `.hop/model/`. */
  modelFiles: string[];
  /** Folder names directly under `Patches/`, `Patches/staged/`, `Patches/orphaned/`. */
  patchDirs: { root: string[]; staged: string[]; orphaned: string[] };
  /** The checked-out branch, when known (messages only). */
  branch?: string;
}

export type SchemaLinkInfo = { kind: 'missing' } | { kind: 'file' } | { kind: 'symlink'; target: string; targetExists: boolean };
