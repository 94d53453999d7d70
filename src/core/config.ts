/**
 * `.hop/config`: INI, section `[halfORM]`. Parsed by hand because the format is tiny
 * and half-orm-dev writes it with Python's configparser (`key = value`, `#`/`;` comments).
 */
import { HopError } from './errors.js';

export interface HopConfig {
  hopVersion?: string;
  gitOrigin?: string;
  devel: boolean;
  packageName?: string;
  withHalfOrmMeta?: boolean;
  /** `allow_rc = True`: production may upgrade to release candidates. */
  allowRc: boolean;
  /** Every key of `[halfORM]` as written. */
  raw: Record<string, string>;
}

export type IniSections = Map<string, Map<string, string>>;

export function parseIni(text: string, file: string): IniSections {
  const sections: IniSections = new Map();
  let current: Map<string, string> | undefined;
  let lastKey: string | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      current = new Map();
      sections.set(header[1]!.trim(), current);
      lastKey = undefined;
      return;
    }
    // configparser continuation line: indented text extends the previous value.
    if (/^\s/.test(raw) && current && lastKey) {
      current.set(lastKey, `${current.get(lastKey)}\n${line}`);
      return;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (!kv || !current) {
      throw new HopError(`${file}:${i + 1}: cannot read '${line}'`, {
        file,
        line: i + 1,
        hint: 'the file must be INI: a [halfORM] section, then key = value lines',
        code: 'ini-syntax',
      });
    }
    lastKey = kv[1]!.toLowerCase();
    current.set(lastKey, kv[2]!);
  });
  return sections;
}

function bool(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  return /^(true|yes|on|1)$/i.test(value.trim());
}

export function parseHopConfig(text: string, file = '.hop/config'): HopConfig {
  const section = parseIni(text, file).get('halfORM');
  if (!section) {
    throw new HopError(`${file}: no [halfORM] section`, {
      file,
      hint: 'is this a half-orm-dev project? `.hop/config` starts with a [halfORM] section',
      code: 'config-no-section',
    });
  }
  const raw = Object.fromEntries(section);
  return {
    hopVersion: section.get('hop_version'),
    gitOrigin: section.get('git_origin'),
    devel: bool(section.get('devel')) ?? false,
    packageName: section.get('package_name') || undefined,
    withHalfOrmMeta: bool(section.get('with_half_orm_meta')),
    allowRc: bool(section.get('allow_rc')) ?? false,
    raw,
  };
}

/**
 * Orders hop's own PEP 440-ish versions (`1.0.0-a32`, `0.17.4`) so that we can tell
 * which file variants a project writes. Returns <0, 0, >0.
 */
export function compareHopVersions(a: string, b: string): number {
  const parse = (v: string): number[] => {
    const m = /^(\d+)\.(\d+)\.(\d+)(?:[-.]?(a|b|rc)(\d+))?/.exec(v.trim());
    if (!m) return [0, 0, 0, 3, 0];
    const pre = m[4] === 'a' ? 0 : m[4] === 'b' ? 1 : m[4] === 'rc' ? 2 : 3;
    return [Number(m[1]), Number(m[2]), Number(m[3]), pre, Number(m[5] ?? 0)];
  };
  const pa = parse(a);
  const pb = parse(b);
  for (let i = 0; i < pa.length; i++) {
    if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  }
  return 0;
}
