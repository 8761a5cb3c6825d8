#!/usr/bin/env bash
# Installs what the browser quality gate (tests/browser) needs on a Debian machine:
# Chromium and the Liberation fonts (Debian packages), a Java runtime for the Nu HTML
# checker when `java` is missing, Node.js and npm when npm is missing (the search
# script's tests in internal/search run under node too), and the pinned npm
# packages (axe-core, vnu-jar).
# Safe to run again: it installs only what is missing.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
browser_dir="$repo_root/tests/browser"

say() { printf 'install-browser-deps: %s\n' "$*"; }

# Root runs apt-get directly; anyone else needs sudo.
if [ "$(id -u)" -eq 0 ]; then
	as_root=()
elif command -v sudo >/dev/null 2>&1; then
	as_root=(sudo)
else
	say "not root and sudo is missing: cannot install Debian packages" >&2
	exit 1
fi

missing=()
for pkg in chromium fonts-liberation2; do
	if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$pkg")
	fi
done
if ! command -v java >/dev/null 2>&1; then
	missing+=(default-jre-headless)
fi
if ! command -v npm >/dev/null 2>&1; then
	missing+=(nodejs npm)
fi

if [ "${#missing[@]}" -gt 0 ]; then
	say "installing Debian packages: ${missing[*]}"
	"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
	"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
else
	say "Debian packages already installed: chromium fonts-liberation2 java"
fi

if ! command -v npm >/dev/null 2>&1; then
	say "npm is still missing after the install" >&2
	exit 1
fi

# npm ci wipes node_modules, so skip it when the installed tree matches the lock file.
# --ignore-scripts: vnu-jar's postinstall would download a Java build; Debian's is used instead.
stamp="$browser_dir/node_modules/.portal-lock.sha256"
want="$(sha256sum "$browser_dir/package-lock.json" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] &&
	[ -f "$browser_dir/node_modules/axe-core/axe.min.js" ] &&
	[ -f "$browser_dir/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
	say "node_modules already matches package-lock.json"
else
	say "running npm ci in tests/browser"
	(cd "$browser_dir" && npm ci --ignore-scripts --no-audit --no-fund)
	printf '%s\n' "$want" >"$stamp"
fi

for f in /usr/bin/chromium "$browser_dir/node_modules/axe-core/axe.min.js" \
	"$browser_dir/node_modules/vnu-jar/build/dist/vnu.jar"; do
	if [ ! -e "$f" ]; then
		say "expected $f after the install, but it is missing" >&2
		exit 1
	fi
done
say "done: $(/usr/bin/chromium --version 2>/dev/null || echo chromium), java $(java -version 2>&1 | head -n1)"
