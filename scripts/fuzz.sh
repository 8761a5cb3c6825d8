#!/usr/bin/env bash
# Runs every fuzz target of the engine for SECONDS each (default 60), one
# after the other, and stops at the first failure. A failing input is saved
# under the package's testdata/fuzz/FuzzX/ folder: commit it with the fix,
# and it is replayed by every `go test` from then on.
#
#   scripts/fuzz.sh          # 60 s per target
#   scripts/fuzz.sh 600      # 10 min per target
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
case "$secs" in
'' | *[!0-9]*) echo "usage: scripts/fuzz.sh [seconds per target]" >&2; exit 2 ;;
esac

# package  target
targets=(
	"./internal/content   FuzzFrontMatter"
	"./internal/textutil  FuzzSlugify"
	"./internal/textutil  FuzzCleanInput"
	"./internal/site      FuzzCleanURLPath"
	"./internal/site      FuzzResolveLink"
	"./internal/search    FuzzTokenize"
	"./internal/markdown  FuzzConvert"
	"./internal/serve     FuzzServeURL"
	"./internal/markdown  FuzzCountWords"
	"./internal/render    FuzzCompactTree"
	"./internal/render    FuzzCompactHTML"
	"./internal/template/html FuzzStringForms"
)
for t in "${targets[@]}"; do
	read -r pkg name <<<"$t"
	echo "== $name ($pkg, ${secs}s)"
	go test -run '^$' -fuzz "^${name}\$" -fuzztime "${secs}s" "$pkg"
done
