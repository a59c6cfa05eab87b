#!/usr/bin/env bash
# Wall time from launching the Silo process (built, Release) to /health/ready answering 200, on PostgreSQL.
#   tests/VoicePlatform.Benchmarks/silo-process-start.sh [starts=5]
# Uses scripts/local-postgres.sh for the database; prints every start and the median.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
starts=${1:-5}
dotnet build -c Release Silo -v q -nologo >/dev/null
export ConnectionStrings__Postgres="$(scripts/local-postgres.sh start)"
export Operator__ApiKey=bench-operator-key-0123456789abcdef0123
export Database__MigrateOnStartup=true Cluster__AdvertisedAddress=127.0.0.1 Cluster__ClusterId=bench-process-start
port=18099
times=()
for i in $(seq 1 "$starts"); do
  begin=$(date +%s%N)
  ASPNETCORE_URLS=http://127.0.0.1:$port setsid dotnet Silo/bin/Release/net10.0/VoicePlatform.Silo.dll >/tmp/vp-silo-start.log 2>&1 &
  pid=$!
  until curl -sf http://127.0.0.1:$port/health/ready >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "silo exited; see /tmp/vp-silo-start.log" >&2; exit 1; }
    sleep 0.05
  done
  ms=$(( ($(date +%s%N) - begin) / 1000000 ))
  times+=("$ms")
  echo "start $i: ${ms} ms to ready"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
done
scripts/local-postgres.sh stop >/dev/null
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median: ${median} ms over $starts starts (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
