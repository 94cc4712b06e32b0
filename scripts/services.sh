#!/usr/bin/env bash
# Starts what the test suite needs on a fresh Debian machine, before pytest runs:
#   - a THROWAWAY PostgreSQL cluster on 127.0.0.1 (installs Debian's `postgresql` if missing),
#   - headless Chromium for the browser test (installs `chromium chromium-driver` if missing),
# then writes ./.test-services.env with `export TRUCEWATCH_TEST_PG=postgresql+psycopg2://...`.
#
# Idempotent: a second run reuses the running cluster. Safe to run twice at once (flock).
# Settings (environment): TRUCEWATCH_PG_PORT (default 54329), TRUCEWATCH_PG_DIR (default
# /tmp/trucewatch-pg-<port>). Stop the cluster with:  bash scripts/services.sh stop
set -euo pipefail

cd "$(dirname "$0")/.."
REPO_DIR=$(pwd)
PORT=${TRUCEWATCH_PG_PORT:-54329}
PG_DIR=${TRUCEWATCH_PG_DIR:-/tmp/trucewatch-pg-$PORT}
DATA_DIR="$PG_DIR/data"
ENV_FILE="$REPO_DIR/.test-services.env"
APT_UPDATED=0

say() { echo "services.sh: $*" >&2; }

is_root() { [ "$(id -u)" -eq 0 ]; }

apt_install() {
    if ! is_root; then
        say "cannot install $* without root; install it yourself (apt-get install -y $*)."
        return 1
    fi
    if [ "$APT_UPDATED" -eq 0 ]; then
        apt-get update -qq
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_bin_dir() {
    # Debian keeps each major version's binaries in /usr/lib/postgresql/<ver>/bin; take the newest.
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# Run a command as the cluster's owner: `postgres` when we are root (initdb refuses root).
as_owner() {
    if is_root; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

ensure_packages() {
    if [ -z "$(pg_bin_dir)" ] || [ ! -x "$(pg_bin_dir)/initdb" ]; then
        say "installing PostgreSQL (Debian package postgresql)"
        apt_install postgresql
    fi
    if ! command -v chromium >/dev/null 2>&1; then
        say "installing Chromium (Debian packages chromium chromium-driver)"
        apt_install chromium chromium-driver || say "Chromium not installed; browser tests will skip."
    fi
}

cluster_running() {
    # Ask the server itself: after a crash or a killed session, postmaster.pid can name a dead
    # (or reused) process, and `pg_ctl status` would then call a dead cluster running.
    [ -f "$DATA_DIR/PG_VERSION" ] && as_owner "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"
}

clear_stale_locks() {
    # Nothing answers on our port (checked by the caller), so lock files left by a killed server
    # are stale; the server refuses to start while they name a live or zombie process.
    rm -f "$DATA_DIR/postmaster.pid" "$PG_DIR/.s.PGSQL.$PORT" "$PG_DIR/.s.PGSQL.$PORT.lock"
}

create_cluster() {
    say "creating a throwaway PostgreSQL cluster in $PG_DIR"
    rm -rf "$PG_DIR"
    mkdir -p "$PG_DIR"
    # A fresh random password: only this script and the env file know it.
    head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$PG_DIR/password"
    if is_root; then
        chown -R postgres: "$PG_DIR"
    fi
    chmod 700 "$PG_DIR"
    chmod 600 "$PG_DIR/password"
    as_owner "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 --pwfile="$PG_DIR/password" \
        --no-sync >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
}

start_cluster() {
    if cluster_running; then
        say "reusing the PostgreSQL cluster already running on 127.0.0.1:$PORT"
        return
    fi
    if as_owner "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
        say "port $PORT is taken by another server; set TRUCEWATCH_PG_PORT to a free port."
        exit 1
    fi
    [ -f "$DATA_DIR/PG_VERSION" ] && [ -f "$PG_DIR/password" ] || create_cluster
    clear_stale_locks
    say "starting PostgreSQL on 127.0.0.1:$PORT"
    # Throwaway data: durability off for speed; loopback only; socket inside our own folder.
    # `9>&-`: the server must not inherit (and hold forever) this script's lock.
    as_owner "$PG_BIN/pg_ctl" -D "$DATA_DIR" -l "$PG_DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$PG_DIR \
            -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null 9>&- || { tail -n 20 "$PG_DIR/server.log" >&2; exit 1; }
}

write_env_file() {
    local password
    password=$(as_owner cat "$PG_DIR/password")
    umask 077
    printf 'export TRUCEWATCH_TEST_PG=%s\n' \
        "postgresql+psycopg2://postgres:$password@127.0.0.1:$PORT/postgres" > "$ENV_FILE"
    say "wrote $ENV_FILE"
}

stop_cluster() {
    PG_BIN=$(pg_bin_dir)
    if [ -n "$PG_BIN" ] && cluster_running; then
        as_owner "$PG_BIN/pg_ctl" -D "$DATA_DIR" -m fast -w stop >/dev/null
        say "stopped PostgreSQL on 127.0.0.1:$PORT"
    fi
}

main() {
    mkdir -p "$(dirname "$PG_DIR")"
    exec 9>"$PG_DIR.lock"
    flock 9
    if [ "${1:-start}" = "stop" ]; then
        stop_cluster
        return
    fi
    ensure_packages
    PG_BIN=$(pg_bin_dir)
    start_cluster
    write_env_file
}

main "$@"
