/**
 * The shell step that makes `psql`/`pg_dump` at least as new as the PostgreSQL server
 * (`PG_MAJOR` in the environment): pg_dump refuses to dump a newer server. GitHub's
 * runners and Debian images ship an older client or none, so it installs
 * `postgresql-client-<major>` from the PGDG apt repository when needed, and puts that
 * version first on PATH (Debian's pg_wrapper may otherwise pick an older one).
 * One script for both providers: sudo only when not root, GITHUB_PATH only on GitHub.
 * No `set -u`: on GitLab the script shares its shell with the job's other lines.
 */
export const PG_CLIENT_SCRIPT = `have="$(pg_dump --version 2>/dev/null | sed -E 's/^[^0-9]*([0-9]+).*/\\1/' || true)"
if [ -n "$have" ] && [ "$have" -ge "$PG_MAJOR" ]; then
  echo "pg_dump $have can dump PostgreSQL $PG_MAJOR"
else
  echo "pg_dump \${have:-missing} is older than PostgreSQL $PG_MAJOR: installing postgresql-client-$PG_MAJOR from apt.postgresql.org"
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
  $sudo install -d /usr/share/postgresql-common/pgdg
  $sudo curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc https://www.postgresql.org/media/keys/ACCC4CF8.asc
  codename="$(. /etc/os-release && echo "$VERSION_CODENAME")"
  echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt $codename-pgdg main" | $sudo tee /etc/apt/sources.list.d/pgdg.list >/dev/null
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "postgresql-client-$PG_MAJOR"
fi
bin="/usr/lib/postgresql/$PG_MAJOR/bin"
if [ -x "$bin/pg_dump" ]; then
  if [ -n "\${GITHUB_PATH:-}" ]; then echo "$bin" >> "$GITHUB_PATH"; fi
  export PATH="$bin:$PATH"
fi
pg_dump --version
`;
