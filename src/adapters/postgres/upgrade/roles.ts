/**
 * The roles of the target, read with the rights of any role (pg_roles, pg_auth_members,
 * pg_database), and created again in a rehearsal cluster with the same attributes and
 * memberships, so that ownership and privileges restored from the backup mean there what
 * they mean on the target.
 */
import type pg from 'pg';
import { quoteIdent } from '../managed-server.js';

export interface RoleAttributes {
  rolname: string;
  rolsuper: boolean;
  rolinherit: boolean;
  rolcreaterole: boolean;
  rolcreatedb: boolean;
  rolcanlogin: boolean;
  rolreplication: boolean;
  rolbypassrls: boolean;
  rolconnlimit: number;
}

export interface TargetRoles {
  /** The role hop-ci connects as on the target. */
  current: string;
  roles: RoleAttributes[];
  memberships: Array<{ role: string; member: string; admin: boolean }>;
  database: { owner: string; encoding: string; acl: string | null };
}

export async function readRoles(client: pg.Client): Promise<TargetRoles> {
  const db = await client.query<{ current: string; owner: string; encoding: string; acl: string | null }>(
    `SELECT current_user AS current, pg_get_userbyid(datdba) AS owner, pg_encoding_to_char(encoding) AS encoding, datacl::text AS acl
       FROM pg_database WHERE datname = current_database()`,
  );
  const roles = await client.query<RoleAttributes>(
    `SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls, rolconnlimit
       FROM pg_roles WHERE rolname !~ '^pg_' ORDER BY rolname`,
  );
  const members = await client.query<{ role: string; member: string; admin: boolean }>(
    `SELECT r.rolname AS role, m.rolname AS member, a.admin_option AS admin
       FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
      WHERE m.rolname !~ '^pg_' ORDER BY 1, 2`,
  );
  const { current, owner, encoding, acl } = db.rows[0]!;
  return { current, roles: roles.rows, memberships: members.rows, database: { owner, encoding, acl } };
}

function attributes(r: RoleAttributes): string {
  const flag = (on: boolean, name: string) => (on ? name : `NO${name}`);
  return [
    flag(r.rolsuper, 'SUPERUSER'),
    flag(r.rolinherit, 'INHERIT'),
    flag(r.rolcreaterole, 'CREATEROLE'),
    flag(r.rolcreatedb, 'CREATEDB'),
    flag(r.rolcanlogin, 'LOGIN'),
    flag(r.rolreplication, 'REPLICATION'),
    flag(r.rolbypassrls, 'BYPASSRLS'),
    `CONNECTION LIMIT ${Number(r.rolconnlimit)}`,
  ].join(' ');
}

/**
 * Creates the target's roles on a cluster where `superuser` is a superuser; the current
 * role gets `password` (the cluster's own, never the production one). Roles the cluster
 * already has (its bootstrap superuser) are left as they are: returns whether the current
 * role was created.
 */
export async function copyRoles(superuser: pg.Client, target: TargetRoles, password: string): Promise<boolean> {
  const { rows } = await superuser.query<{ rolname: string }>('SELECT rolname FROM pg_roles');
  const existing = new Set(rows.map((r) => r.rolname));
  for (const role of target.roles) {
    if (existing.has(role.rolname)) continue;
    await superuser.query(`CREATE ROLE ${quoteIdent(role.rolname)} ${attributes(role)}`);
  }
  for (const m of target.memberships) {
    // A predefined role of another major version may not exist here: it cannot matter to the releases.
    await superuser
      .query(`GRANT ${quoteIdent(m.role)} TO ${quoteIdent(m.member)}${m.admin ? ' WITH ADMIN OPTION' : ''}`)
      .catch(() => undefined);
  }
  if (existing.has(target.current)) return false;
  await superuser.query(`ALTER ROLE ${quoteIdent(target.current)} LOGIN PASSWORD '${password.replace(/'/g, "''")}'`);
  return true;
}
