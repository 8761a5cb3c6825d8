#!/usr/bin/env bash
# Lists the module's direct dependencies that have a newer version, and a
# newer Go release than the one internal/template is made from, for the
# next upgrade. Asks the Go module proxy (GOPROXY); changes nothing.
#
#   scripts/deps.sh          # exit 0; prints "all current" when nothing is newer
#
# To upgrade a dependency: go get MODULE@VERSION && go mod tidy, then the
# tests. To move to a newer Go: set go.mod's toolchain line, run
# go generate ./internal/template/... with that toolchain (TestToolchainIsUpstream
# and TestForkIsGenerated fail until you do), then the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

newer=$(go list -m -u -f '{{if and (not .Main) (not .Indirect) .Update}}{{.Path}} {{.Version}} -> {{.Update.Version}}{{end}}' all)
if [ -n "$newer" ]; then
	echo "Direct dependencies with a newer version:"
	echo "$newer" | sed 's/^/  /'
fi

# Go itself: golang.org/toolchain lists every release as a module version
# (v0.0.1-go1.26.9.linux-amd64).
upstream=$(cat internal/template/UPSTREAM)
minor=$(echo "$upstream" | sed -E 's/^(go[0-9]+\.[0-9]+).*/\1/')
suffix="$(go env GOOS)-$(go env GOARCH)"
latest=$(go list -m -versions golang.org/toolchain 2>/dev/null | tr ' ' '\n' |
	sed -nE "s/^v0\.0\.1-(go[0-9]+\.[0-9]+(\.[0-9]+)?)\.${suffix//./\\.}\$/\1/p" |
	sort -V | tail -n 1 || true)
same_minor=$(go list -m -versions golang.org/toolchain 2>/dev/null | tr ' ' '\n' |
	sed -nE "s/^v0\.0\.1-(${minor//./\\.}(\.[0-9]+)?)\.${suffix//./\\.}\$/\1/p" |
	sort -V | tail -n 1 || true)
go_newer=0
if [ -n "$same_minor" ] && [ "$same_minor" != "$upstream" ] &&
	[ "$(printf '%s\n%s\n' "$upstream" "$same_minor" | sort -V | tail -n 1)" = "$same_minor" ]; then
	echo "Go: $upstream -> $same_minor (a point release of the same Go: its fixes reach html/template only by re-making internal/template)"
	go_newer=1
fi
if [ -n "$latest" ] && [ "$latest" != "$same_minor" ] && [ "$latest" != "$upstream" ]; then
	echo "Go: newest release $latest (internal/template is made from $upstream)"
	go_newer=1
fi
if [ -z "$latest" ]; then
	echo "Go: could not list releases (golang.org/toolchain); internal/template is made from $upstream" >&2
fi
if [ -z "$newer" ] && [ "$go_newer" = 0 ]; then
	echo "All direct dependencies and Go ($upstream) are current."
fi
