/** What several benches share: the median of their rounds, git as the bench's author, the upgrade workload's patch. */
import { execFileSync } from 'node:child_process';

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, {
    cwd,
    env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@x' },
  });
}

/** Patch `p` of release `r` of the 20 × 10 upgrade workload (upgrade and drift benches). */
export function workloadPatchSql(r: number, p: number): string {
  const t = `public.t_${r}_${p}`;
  return `CREATE TABLE ${t} (id serial PRIMARY KEY, name text NOT NULL, created timestamptz DEFAULT now());
INSERT INTO ${t} (name) SELECT 'n' || g FROM generate_series(1, 200) g;
CREATE INDEX ON ${t} (name);
COMMENT ON TABLE ${t} IS 'release ${r} patch ${p}';
`;
}
