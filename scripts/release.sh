#!/usr/bin/env bash
# Builds portal's release archives into dist/ (or $DIST):
#
#   scripts/release.sh                      every target below
#   scripts/release.sh windows/amd64 ...    only these
#
# Each archive holds the binary, the editors' guide (HUONG-DAN.md) and a
# starter site (trang-mau/, what `portal init` writes), with SHA256SUMS
# beside them. Windows gets a .zip, which Explorer opens by itself, with no
# top folder (Explorer's "Extract All" makes one named after the archive);
# macOS and Linux get a .tar.gz with one top folder: tar keeps the
# executable bit everywhere, it is what those systems' users expect, and
# Finder opens it too.
#
# Two runs from the same commit give byte-identical archives: -trimpath (no
# paths of this machine), the version, commit and date stamped from the
# commit (-ldflags -X, and Go's own -buildvcs record), every entry dated at
# the commit's time, sorted, with fixed modes and no owner
# (scripts/mkarchive). The same Go version is needed for the same binary:
# the one go.mod names, which `go version` prints below.
#
# VERSION overrides the version (default: the tag at HEAD, else a
# pseudo-version v0.0.0-DATE-COMMIT). A checkout with uncommitted changes
# gets "+dirty" in the version, as `go build` marks it.
set -euo pipefail
cd "$(dirname "$0")/.."

all=(windows/amd64 darwin/amd64 darwin/arm64 linux/amd64 linux/arm64)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	targets=("${all[@]}")
fi
for t in "${targets[@]}"; do
	case " ${all[*]} " in
	*" $t "*) ;;
	*) echo "release.sh: unknown target $t; choose from: ${all[*]}" >&2; exit 2 ;;
	esac
done

dist=${DIST:-dist}
commit=$(git rev-parse HEAD)
epoch=$(git log -1 --format=%ct HEAD)
date=$(TZ=UTC git log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ HEAD)
if [ -z "${VERSION:-}" ]; then
	VERSION=$(git describe --tags --exact-match --match 'v*' HEAD 2>/dev/null ||
		echo "v0.0.0-$(TZ=UTC git log -1 --format=%cd --date=format-local:%Y%m%d%H%M%S HEAD)-${commit:0:12}")
	if [ -n "$(git status --porcelain)" ]; then
		echo "release.sh: warning: uncommitted changes; the version is marked +dirty" >&2
		VERSION="$VERSION+dirty"
	fi
fi
echo "portal $VERSION, commit $commit ($date), $(go version | cut -d' ' -f3)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CGO_ENABLED=0 GOFLAGS=-mod=readonly
ldflags="-s -w -X main.version=$VERSION -X main.commit=$commit -X main.date=$date"

# The starter site, as the binary writes it (the host's build of the same
# source embeds the same tree).
go build -trimpath -o "$work/portal-host" ./cmd/portal
"$work/portal-host" init "$work/trang-mau" >/dev/null

mkdir -p "$dist"
rm -f "$dist"/portal_*.zip "$dist"/portal_*.tar.gz "$dist/SHA256SUMS"
archives=()
for t in "${targets[@]}"; do
	goos=${t%/*} goarch=${t#*/}
	name="portal_${VERSION}_${goos}_${goarch}"
	bin=portal
	[ "$goos" = windows ] && bin=portal.exe
	stage="$work/$name"
	mkdir -p "$stage"
	GOOS=$goos GOARCH=$goarch go build -trimpath -buildvcs=true -ldflags "$ldflags" -o "$stage/$bin" ./cmd/portal
	cp docs/editors-guide.md "$stage/HUONG-DAN.md"
	cp -R "$work/trang-mau" "$stage/trang-mau"
	if [ "$goos" = windows ]; then
		out="$dist/$name.zip"
		go run ./scripts/mkarchive -o "$out" -mtime "$epoch" -exec "$bin" "$stage"
	else
		out="$dist/$name.tar.gz"
		go run ./scripts/mkarchive -o "$out" -mtime "$epoch" -prefix "$name/" -exec "$bin" "$stage"
	fi
	archives+=("$out")
	echo "  $out"
done
go run ./scripts/mkarchive -sums "$dist/SHA256SUMS" "${archives[@]}"
echo "  $dist/SHA256SUMS"
