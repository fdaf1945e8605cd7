#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster in a folder, for the tests and benchmarks: it listens on a
# Unix socket in that folder only (no TCP), trusts whoever can reach the socket, and is gone
# when the folder is removed.
#
#   scripts/postgres-cluster.sh start DIR   creates it (unless DIR has one) and starts it;
#                                           prints its database address
#   scripts/postgres-cluster.sh start DIR --no-fsync
#                                           the same, never waiting for the disk: for the
#                                           test suite, whose cluster is gone after the run
#                                           (a crash of the machine would lose the cluster;
#                                           a crash of a client loses nothing committed)
#   scripts/postgres-cluster.sh stop DIR    stops it (a cluster that is not running is no error)
#
# PostgreSQL refuses to run as root; run as root, the cluster belongs to the postgres user.
set -euo pipefail
command=${1:?usage: postgres-cluster.sh start|stop DIR}
dir=${2:?usage: postgres-cluster.sh start|stop DIR}
bin=/usr/lib/postgresql/15/bin
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$command" in
start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    [ -f "$dir/data/PG_VERSION" ] || as_owner "$bin/initdb" --pgdata="$dir/data" --username=postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    options="-c listen_addresses='' -c unix_socket_directories='$dir' -c shared_buffers=512MB -c max_connections=200"
    [ "${3:-}" = "--no-fsync" ] && options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    as_owner "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --silent start --options="$options"
    echo "postgres://postgres@/postgres?host=$dir"
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" --pgdata="$dir/data" --mode=fast --wait --silent stop || true
    fi
    ;;
*)
    echo "usage: postgres-cluster.sh start|stop DIR" >&2
    exit 2
    ;;
esac
