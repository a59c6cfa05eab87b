#!/usr/bin/env bash
# A throwaway local PostgreSQL for running silos by hand (the tests start their own):
#   scripts/local-postgres.sh start   # initialises ${VP_PG_DIR:-.local/pg} on first use, listens on 127.0.0.1:${VP_PG_PORT:-55432}
#   scripts/local-postgres.sh stop
# It prints the connection string to export as ConnectionStrings__Postgres.
set -euo pipefail
cmd=${1:-start}
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${VP_PG_DIR:-"$root/.local/pg"}
port=${VP_PG_PORT:-55432}

bin=""
if command -v initdb >/dev/null 2>&1; then bin=$(dirname "$(command -v initdb)")
else bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1); fi
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL server binaries not found: sudo apt-get install -y postgresql" >&2
  exit 1
fi

# initdb refuses to run as root; run the server as the postgres user then.
as_server() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
      as_server "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
    psql -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='voiceplatform'" | grep -q 1 \
      || psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE voiceplatform" >/dev/null
    echo "Host=127.0.0.1;Port=$port;Database=voiceplatform;Username=postgres"
    ;;
  stop)
    as_server "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null && echo "stopped"
    ;;
  *)
    echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
