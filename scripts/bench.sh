#!/usr/bin/env bash
# Benchmark portal against the "floor" (cmd/floor: the least work any
# Markdown site generator must do) on generated corpora.
#
#   scripts/bench.sh [sizes...]        default sizes: 1000 10000
#
# Environment: RUNS (timed runs per program and size, default 5), SEED
# (corpus seed, default 1), KEEP=1 keeps the work folder (corpora, outputs,
# logs, raw timings), BENCH_DIR where the work folder goes (default /dev/shm
# when writable, else $TMPDIR or /tmp: on a shared machine a disk's
# neighbours add seconds of noisy system time, a tmpfs does not).
#
# For each size it generates the corpus once, then runs one untimed warm-up
# of each program and RUNS timed runs, alternating portal and floor so both
# see the same machine conditions. Each run goes to an emptied output folder
# and is measured with GNU time -v (CPU = user + sys, peak RSS); wall time is
# taken with nanosecond clock reads around the same command, because time -v
# rounds it to 10 ms. The table shows medians.
#
# A portal that does not build or fails a run is reported as FAILED with the
# end of its log; floor is still measured. Exit status: 0 when every run
# succeeded, 3 when a program failed, 1 on a setup error.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then sizes=(1000 10000); fi
for s in "${sizes[@]}"; do
	if ! [[ $s =~ ^[1-9][0-9]*$ ]]; then
		echo "bench: size must be a positive integer, got '$s'" >&2
		exit 1
	fi
done
runs=${RUNS:-5}
seed=${SEED:-1}
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
	echo "bench: RUNS must be a positive integer, got '$runs'" >&2
	exit 1
fi

TIME=/usr/bin/time
if ! "$TIME" -v true >/dev/null 2>&1; then
	echo "bench: GNU time missing; installing the Debian package 'time'" >&2
	sudo=""
	if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
	$sudo apt-get update -qq >/dev/null
	$sudo apt-get install -y -qq time >/dev/null
	"$TIME" -v true >/dev/null 2>&1 || { echo "bench: $TIME -v still does not work" >&2; exit 1; }
fi

base=${BENCH_DIR:-}
if [ -z "$base" ]; then
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then base=/dev/shm; else base=${TMPDIR:-/tmp}; fi
fi
work=$(mktemp -d "$base/portal-bench.XXXXXX")
cleanup() {
	if [ "${KEEP:-0}" = 1 ]; then
		echo "bench: work folder kept: $work" >&2
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
echo "bench: $(nproc) cores, $(go version | cut -d' ' -f3-), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $runs runs, seed $seed, in $work"
echo "bench: load average at start: $(loadavg)"

mkdir -p "$work/bin"
go build -o "$work/bin/corpusgen" ./cmd/corpusgen
go build -o "$work/bin/floor" ./cmd/floor
programs=(portal floor)
declare -A failed=()
if ! go build -o "$work/bin/portal" ./cmd/portal >"$work/portal-build.log" 2>&1; then
	failed[portal]="does not build"
	echo "bench: portal FAILED to build; its runs are skipped. Build output:" >&2
	tail -n 20 "$work/portal-build.log" | sed 's/^/    /' >&2
fi

# The repository's layouts and the static assets they reference, so that
# portal renders the corpus the way it renders the real site.
layouts_args=()
if [ -d "$root/layouts" ]; then layouts_args+=(-layouts "$root/layouts"); fi
if [ -d "$root/static" ]; then layouts_args+=(-static "$root/static"); fi

# run_one PROGRAM SIZE TAG: one run into an emptied output folder. Appends
# "wall cpu rss_kb" to the samples file unless TAG is "warmup".
run_one() {
	local prog=$1 size=$2 tag=$3
	local src="$work/corpus-$size" out="$work/out-$prog-$size"
	local tf="$work/time-$prog-$size-$tag.txt" log="$work/log-$prog-$size-$tag.txt"
	local cmd
	case $prog in
	portal) cmd=("$work/bin/portal" build --source "$src" --dest "$out" --quiet) ;;
	floor) cmd=("$work/bin/floor" -source "$src" -dest "$out" -quiet) ;;
	esac
	rm -rf "$out"
	local t0 t1 rc=0
	t0=$(date +%s%N)
	"$TIME" -v -o "$tf" "${cmd[@]}" >"$log" 2>&1 || rc=$?
	t1=$(date +%s%N)
	if [ $rc -ne 0 ]; then
		failed[$prog]="exit $rc at size $size ($tag run)"
		echo "bench: $prog FAILED (exit $rc) on $size pages, $tag run: ${cmd[*]}" >&2
		tail -n 15 "$log" | sed 's/^/    /' >&2
		return 1
	fi
	[ "$tag" = warmup ] && return 0
	local user sys rss
	user=$(awk -F': ' '/User time \(seconds\)/ {print $2}' "$tf")
	sys=$(awk -F': ' '/System time \(seconds\)/ {print $2}' "$tf")
	rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tf")
	awk -v w=$((t1 - t0)) -v u="$user" -v s="$sys" -v r="$rss" \
		'BEGIN { printf "%.4f %.2f %d\n", w / 1e9, u + s, r }' >>"$work/samples-$prog-$size"
}

# median FILE COLUMN
median() {
	awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '
		{ v[NR] = $1 }
		END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

for size in "${sizes[@]}"; do
	src="$work/corpus-$size"
	t0=$(date +%s%N)
	"$work/bin/corpusgen" -n "$size" -seed "$seed" -out "$src" -quiet "${layouts_args[@]}"
	t1=$(date +%s%N)
	echo "bench: corpus of $size pages ($(find "$src/content" -name '*.md' | wc -l) .md files, $(du -sh "$src/content" | cut -f1)) generated in $(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.2f", d / 1e9 }') s"
	for prog in "${programs[@]}"; do
		[ -n "${failed[$prog]:-}" ] || run_one "$prog" "$size" warmup || true
	done
	for i in $(seq 1 "$runs"); do
		for prog in "${programs[@]}"; do
			[ -n "${failed[$prog]:-}" ] || run_one "$prog" "$size" "$i" || true
		done
	done
	for prog in "${programs[@]}"; do
		if [ -d "$work/out-$prog-$size" ]; then
			find "$work/out-$prog-$size" -name '*.html' | wc -l >"$work/html-$prog-$size"
		fi
	done
done

# ratio A B prints A/B as "1.23x", or "n/a" when B is zero (tiny corpora
# can take under 10 ms of CPU).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else printf "n/a" }'; }

# ---- report ----
declare -A wall=() cpu=()
end_load=$(loadavg)
if awk -v l="${end_load%% *}" -v c="$(nproc)" 'BEGIN { exit !(l > c) }'; then
	echo "bench: load average at end: $end_load, above the $(nproc) cores: wall times are inflated, compare cpu_s"
else
	echo "bench: load average at end: $end_load"
fi
echo
printf '%-8s %-8s %5s %10s %10s %12s %11s\n' size program runs wall_s cpu_s peak_rss_MiB html_files
for size in "${sizes[@]}"; do
	for prog in "${programs[@]}"; do
		f="$work/samples-$prog-$size"
		if [ -n "${failed[$prog]:-}" ] || [ ! -s "$f" ]; then
			printf '%-8s %-8s %5s %10s   FAILED: %s\n' "$size" "$prog" - - "${failed[$prog]:-no samples}"
			continue
		fi
		n=$(wc -l <"$f")
		w=$(median "$f" 1)
		c=$(median "$f" 2)
		r=$(median "$f" 3)
		wall[$prog-$size]=$w
		cpu[$prog-$size]=$c
		printf '%-8s %-8s %5d %10.3f %10.2f %12.1f %11s\n' "$size" "$prog" "$n" "$w" "$c" \
			"$(awk -v r="$r" 'BEGIN { print r / 1024 }')" "$(cat "$work/html-$prog-$size" 2>/dev/null || echo -)"
	done
	if [ -n "${wall[portal-$size]:-}" ] && [ -n "${wall[floor-$size]:-}" ]; then
		printf '%-8s portal/floor ratio: wall %s, cpu %s\n' "$size" \
			"$(ratio "${wall[portal-$size]}" "${wall[floor-$size]}")" \
			"$(ratio "${cpu[portal-$size]}" "${cpu[floor-$size]}")"
		# Run i of portal and of floor ran back to back: the median of
		# their ratios is less swayed by a shared machine's slow minutes
		# than the ratio of the medians.
		paste -d' ' "$work/samples-portal-$size" "$work/samples-floor-$size" |
			awk '$4 > 0 && $5 > 0 { printf "%.4f %.4f\n", $1 / $4, $2 / $5 }' >"$work/pairs-$size"
		if [ -s "$work/pairs-$size" ]; then
			printf '%-8s portal/floor ratio of back-to-back runs, median (min-max): wall %.2fx (%s-%s), cpu %.2fx\n' "$size" \
				"$(median "$work/pairs-$size" 1)" \
				"$(awk '{ print $1 }' "$work/pairs-$size" | sort -g | head -1 | awk '{ printf "%.2f", $1 }')" \
				"$(awk '{ print $1 }' "$work/pairs-$size" | sort -g | tail -1 | awk '{ printf "%.2f", $1 }')" \
				"$(median "$work/pairs-$size" 2)"
		fi
	fi
done
first=${sizes[0]}
for size in "${sizes[@]:1}"; do
	for prog in "${programs[@]}"; do
		if [ -n "${wall[$prog-$size]:-}" ] && [ -n "${wall[$prog-$first]:-}" ]; then
			printf '%s %s/%s ratio: wall %s, cpu %s (%s the pages)\n' "$prog" "$size" "$first" \
				"$(ratio "${wall[$prog-$size]}" "${wall[$prog-$first]}")" \
				"$(ratio "${cpu[$prog-$size]}" "${cpu[$prog-$first]}")" \
				"$(ratio "$size" "$first")"
		fi
	done
done

if [ ${#failed[@]} -gt 0 ]; then
	for prog in "${!failed[@]}"; do echo "bench: $prog FAILED: ${failed[$prog]}" >&2; done
	exit 3
fi
