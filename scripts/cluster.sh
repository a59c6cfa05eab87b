#!/usr/bin/env bash
# A local VoicePlatform cluster: PostgreSQL in its own data directory, the schema migrated, N silos and M API hosts on
# distinct ports, each process's PID recorded so `stop` ends exactly what `start` began.
#
#   scripts/cluster.sh start [silos=2] [api-hosts=1]   # builds Release, starts everything, waits until each is ready
#   scripts/cluster.sh status                          # each process: PID, port, ready or not
#   scripts/cluster.sh rolling-restart                 # every silo in turn: graceful stop (SIGTERM), start, wait ready
#   scripts/cluster.sh stop                            # every recorded process (SIGTERM, then KILL after 60 s), then PostgreSQL
#
# Ports: silo i (1-based) serves HTTP on 8100+i, silo-to-silo 11110+i, gateway 30000+i; API host j on 8200+j;
# PostgreSQL on ${VP_PG_PORT:-55433}. State lives in .local/cluster (data, logs, pids, the generated operator key).
# LiveKit: set LiveKit__Url, LiveKit__ApiKey and LiveKit__ApiSecret in the environment to place real calls (or run
# the project's emulator: dotnet run --project LiveKitEmulator); without them calls end "telephony is not configured".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state="$root/.local/cluster"
pids="$state/pids"
mkdir -p "$state/logs"
export VP_PG_DIR="$state/pg" VP_PG_PORT=${VP_PG_PORT:-55433}

silo_dll="$root/Silo/bin/Release/net10.0/VoicePlatform.Silo.dll"
api_dll="$root/ApiHost/bin/Release/net10.0/VoicePlatform.ApiHost.dll"

operator_key() {
  [ -f "$state/operator-key" ] || echo "vpo_local_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$state/operator-key"
  cat "$state/operator-key"
}

wait_ready() { # url name
  for _ in $(seq 1 120); do
    if curl -sf "$1/health/ready" >/dev/null 2>&1; then echo "  $2 ready at $1"; return 0; fi
    sleep 1
  done
  echo "  $2 did not become ready at $1; see $state/logs" >&2; return 1
}

start_silo() { # index
  local i=$1 http=$((8100 + $1))
  ConnectionStrings__Postgres="$(cat "$state/connection")" Operator__ApiKey="$(operator_key)" \
  Cluster__SiloPort=$((11110 + i)) Cluster__GatewayPort=$((30000 + i)) Cluster__AdvertisedAddress=127.0.0.1 \
  ASPNETCORE_URLS="http://127.0.0.1:$http" \
    nohup dotnet "$silo_dll" >> "$state/logs/silo-$i.log" 2>&1 &
  echo "silo-$i $! $http" >> "$pids"
  wait_ready "http://127.0.0.1:$http" "silo-$i"
}

start_api() { # index
  local j=$1 http=$((8200 + $1))
  ConnectionStrings__Postgres="$(cat "$state/connection")" Operator__ApiKey="$(operator_key)" \
  ASPNETCORE_URLS="http://127.0.0.1:$http" \
    nohup dotnet "$api_dll" >> "$state/logs/api-$j.log" 2>&1 &
  echo "api-$j $! $http" >> "$pids"
  wait_ready "http://127.0.0.1:$http" "api-$j"
}

stop_pid() { # pid name
  kill -TERM "$1" 2>/dev/null || return 0
  for _ in $(seq 1 60); do kill -0 "$1" 2>/dev/null || { echo "  $2 stopped"; return 0; }; sleep 1; done
  echo "  $2 did not stop within 60 s; killing it" >&2
  kill -KILL "$1" 2>/dev/null || true
}

case "${1:-}" in
  start)
    silos=${2:-2}; apis=${3:-1}
    if [ -s "$pids" ]; then echo "already started (see $pids); stop it first" >&2; exit 1; fi
    (cd "$root" && dotnet build -c Release VoicePlatform.sln -v quiet -nologo >/dev/null)
    "$root/scripts/local-postgres.sh" start > "$state/connection"
    ConnectionStrings__Postgres="$(cat "$state/connection")" dotnet "$silo_dll" migrate
    : > "$pids"
    for i in $(seq 1 "$silos"); do start_silo "$i"; done
    for j in $(seq 1 "$apis"); do start_api "$j"; done
    echo "operator key: $(operator_key)"
    echo "API:          http://127.0.0.1:8201   (dashboard /dashboard, metrics /metrics with the operator key)"
    ;;
  status)
    [ -f "$pids" ] || { echo "not started"; exit 0; }
    while read -r name pid port; do
      if kill -0 "$pid" 2>/dev/null; then
        ready=$(curl -sf "http://127.0.0.1:$port/health/ready" 2>/dev/null || echo "not ready")
        echo "$name pid $pid port $port: $ready"
      else echo "$name pid $pid port $port: not running"; fi
    done < "$pids"
    ;;
  rolling-restart)
    [ -s "$pids" ] || { echo "not started" >&2; exit 1; }
    for line in $(grep '^silo-' "$pids" | awk '{print $1":"$2}'); do
      name=${line%%:*}; pid=${line##*:}; i=${name#silo-}
      echo "restarting $name"
      started=$(date +%s.%N)
      stop_pid "$pid" "$name"
      grep -v "^$name " "$pids" > "$pids.tmp" || true; mv "$pids.tmp" "$pids"
      start_silo "$i"
      echo "  $name back in $(awk -v a="$(date +%s.%N)" -v b="$started" 'BEGIN { printf "%.1f", a - b }') s"
    done
    ;;
  stop)
    if [ -f "$pids" ]; then
      # API hosts first, then silos: nothing is left calling a silo that is going away.
      for name in $(awk '{print $1}' "$pids" | sort -r); do stop_pid "$(awk -v n="$name" '$1 == n {print $2}' "$pids")" "$name"; done
      : > "$pids"
    fi
    "$root/scripts/local-postgres.sh" stop || true
    ;;
  *)
    sed -n '2,13p' "$0"; exit 2 ;;
esac
