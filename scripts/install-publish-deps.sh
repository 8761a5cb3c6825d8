#!/usr/bin/env bash
# Installs what the publishing test (tests/publish) needs on a Debian machine:
# nginx, to serve the built portal under a sub-path with the repository's
# deploy/nginx.conf. Only the binary is used: the test runs its own nginx
# (own prefix, own config, loopback, random port), so the service Debian
# starts on install is stopped again and not left listening.
# Safe to run again: it installs only what is missing.
set -euo pipefail

say() { printf 'install-publish-deps: %s\n' "$*"; }

if [ "$(id -u)" -eq 0 ]; then
	as_root=()
elif command -v sudo >/dev/null 2>&1; then
	as_root=(sudo)
else
	say "not root and sudo is missing: cannot install Debian packages" >&2
	exit 1
fi

if dpkg-query -W -f='${Status}' nginx 2>/dev/null | grep -q 'install ok installed'; then
	say "nginx already installed: $(nginx -v 2>&1)"
	exit 0
fi
say "installing Debian package: nginx"
# policy-rc.d exit 101 keeps the package from starting the system nginx on
# port 80: the test needs only the binary.
policy=/usr/sbin/policy-rc.d
created_policy=false
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
	"${as_root[@]}" chmod 755 "$policy"
	created_policy=true
fi
cleanup() { if $created_policy; then "${as_root[@]}" rm -f "$policy"; fi; }
trap cleanup EXIT
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx
say "installed $(nginx -v 2>&1)"
