#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on 127.0.0.1, run the given command with
# DATABASE_URL pointing at it, then stop the server and delete its files.
# Installs Debian's postgresql package first when no server binaries are found.
set -euo pipefail

find_bindir() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$found" ] && [ -x "$found/pg_ctl" ]; then
        echo "$found"
    fi
}

bindir=$(find_bindir)
if [ -z "$bindir" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "PostgreSQL server is not installed; run: sudo apt-get install postgresql" >&2
        exit 1
    fi
    echo "Installing PostgreSQL from Debian packages..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bindir=$(find_bindir)
fi

port="${CPTDESK_PG_PORT:-54329}"
workdir=$(mktemp -d /tmp/cptdesk-pg.XXXXXX)
run_as=()
if [ "$(id -u)" -eq 0 ]; then
    # The server refuses to run as root, so it runs as the postgres system user.
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$workdir"
    run_as=(runuser -u postgres --)
fi

cleanup() {
    "${run_as[@]}" "$bindir/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$workdir"
}
trap cleanup EXIT

"${run_as[@]}" "$bindir/initdb" -D "$workdir/data" -U cptdesk --auth=trust >/dev/null
"${run_as[@]}" "$bindir/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $workdir -c fsync=off" start >/dev/null

export DATABASE_URL="postgres://cptdesk@127.0.0.1:$port/cptdesk"
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U cptdesk cptdesk
"$@"
