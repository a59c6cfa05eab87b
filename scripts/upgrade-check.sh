#!/usr/bin/env bash
# The rolling-upgrade check across two real releases (README, "Rolling upgrades"; docs/failure-suite.md has a run).
#
#   scripts/upgrade-check.sh [REV] [--leads N]
#
# Builds REV (default: the commit before the newest migration was added, so the upgrade applies a migration) and the
# working tree in Release, then runs tests/VoicePlatform.Benchmarks' upgrade-check: two silos and an API host of REV on
# a PostgreSQL of its own with a campaign dialing, the working tree's migrations applied under them, each old silo
# replaced by a new one in turn (SIGTERM) and the API host last. Prints its figures and "UPGRADE CHECK PASSED" or
# "UPGRADE CHECK FAILED" (exit code 1). Needs git history (REV's source is taken with git archive).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
state=$root/.local/upgrade

rev=""
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then rev=$1; shift; fi
if [ -z "$rev" ]; then
  newest=$(git log --diff-filter=A --format=%H -1 -- sql/migrations)
  rev="$newest^"
fi
old_commit=$(git rev-parse --short "$rev")
new_commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!.local' || echo '+changes')"
echo "upgrade-check: from $old_commit (previous release) to $new_commit (working tree)"

rm -rf "$state"
mkdir -p "$state/old-src"
git archive "$rev" | tar -x -C "$state/old-src"

publish() { # source-root output-dir
  for project in Silo ApiHost; do
    dotnet publish "$1/$project/$project.csproj" -c Release -o "$2" --nologo -v quiet >/dev/null
  done
}
echo "upgrade-check: building $old_commit"
publish "$state/old-src" "$state/old"
echo "upgrade-check: building the working tree"
publish "$root" "$state/new"

dotnet run -c Release --project tests/VoicePlatform.Benchmarks -- upgrade-check --old "$state/old" --new "$state/new" "$@"
