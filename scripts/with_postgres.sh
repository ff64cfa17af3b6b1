#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster made from this machine's own binaries:
# initdb into a temporary folder, listen on a Unix socket only, export DATABASE_URL, run the
# command, then stop the server and delete the folder, even when the command fails.
# PostgreSQL refuses to run as root, so as root the cluster runs as the unprivileged `postgres` user.
set -euo pipefail

find_bin() {
  local name=$1 found
  found=$(command -v "$name" 2>/dev/null || true)
  if [ -z "$found" ]; then
    found=$(ls -1d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1 || true)
  fi
  echo "$found"
}

INITDB=$(find_bin initdb)
PG_CTL=$(find_bin pg_ctl)
if [ -z "$INITDB" ] || [ -z "$PG_CTL" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "!! PostgreSQL binaries (initdb, pg_ctl) not found: the PostgreSQL test run cannot be skipped in CI." >&2
    exit 3
  fi
  echo "!! PostgreSQL binaries not found: SKIPPING the PostgreSQL run (install postgresql to run it)." >&2
  exit 0
fi

TMP=$(mktemp -d /tmp/recruitment-pg.XXXXXX)
chmod 755 "$TMP"
RUN=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$TMP"
  RUN=(runuser -u postgres --)
fi

cleanup() {
  "${RUN[@]}" "$PG_CTL" -D "$TMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

"${RUN[@]}" "$INITDB" -D "$TMP/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$TMP/initdb.log" 2>&1 \
  || { cat "$TMP/initdb.log" >&2; exit 1; }
"${RUN[@]}" "$PG_CTL" -D "$TMP/data" -l "$TMP/server.log" -w -t 60 \
  -o "-c listen_addresses='' -k $TMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" start >/dev/null \
  || { cat "$TMP/server.log" >&2; exit 1; }

SOCKET=$(python3 -c "import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=''))" "$TMP")
export DATABASE_URL="postgres://postgres@${SOCKET}/postgres"
echo "== PostgreSQL ($("${RUN[@]}" "$PG_CTL" --version)) on socket $TMP"
set +e
"$@"
status=$?
set -e
exit $status
