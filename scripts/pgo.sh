#!/usr/bin/env bash
# Regenerate cmd/portal/default.pgo, the CPU profile `go build` optimises
# the portal binary with (profile-guided optimisation; Go uses the file in
# the main package's folder by itself, -pgo=auto).
#
#   scripts/pgo.sh
#
# It profiles what the portal spends its time on: three builds of a
# generated 10,000-page corpus and three of the portal's own site, merged
# into one profile. Rerun it when the hot code changes a lot; a stale
# profile still builds and still helps, only less. Environment: BENCH_DIR
# where the work folder goes (default /dev/shm when writable, else /tmp).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
base=${BENCH_DIR:-}
if [ -z "$base" ]; then
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then base=/dev/shm; else base=${TMPDIR:-/tmp}; fi
fi
work=$(mktemp -d "$base/portal-pgo.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Profiles are taken with a binary built without the old profile, so the
# new one does not inherit its inlining decisions.
go build -pgo=off -o "$work/portal" ./cmd/portal
go run ./cmd/corpusgen -n 10000 -seed 1 -out "$work/corpus" -quiet
profiles=()
for i in 1 2 3; do
	PORTAL_CPUPROFILE="$work/corpus-$i.prof" "$work/portal" build --source "$work/corpus" --dest "$work/out" --quiet
	PORTAL_CPUPROFILE="$work/own-$i.prof" "$work/portal" build --source . --dest "$work/own" --quiet
	profiles+=("$work/corpus-$i.prof" "$work/own-$i.prof")
done
go tool pprof -proto "${profiles[@]}" >"$work/merged.pgo" 2>/dev/null
mv "$work/merged.pgo" cmd/portal/default.pgo
echo "pgo: wrote cmd/portal/default.pgo ($(wc -c <cmd/portal/default.pgo) bytes) from ${#profiles[@]} profiles"
