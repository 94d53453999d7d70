// Types of the build's plain-JavaScript plugin, for the bench that imports it.
import type { Plugin } from 'esbuild';

export declare const pgOnNode: Plugin;
