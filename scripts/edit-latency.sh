#!/bin/sh
# Median time from saving one page's body to the preview server sending the
# reload event, over 20 edits, on a generated site (default 10,000 pages).
#   scripts/edit-latency.sh          # 10,000 pages
#   scripts/edit-latency.sh 2000     # another size
# Also prints the first full build time and one search-index rewrite.
# The machine's load matters: check `uptime` and rerun when it is high.
set -eu
cd "$(dirname "$0")/.."
PAGES="${1:-10000}"
PORTAL_BENCH=1 PORTAL_BENCH_PAGES="$PAGES" go test -run '^TestEditLatency10k$' -v -count=1 -timeout 90m ./internal/serve/ |
	grep -E 'bench_test|^(--- |ok|FAIL)'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
