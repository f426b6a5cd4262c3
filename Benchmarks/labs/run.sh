#!/usr/bin/env bash
# `lab start` for every lab: the first start in a fresh state home (setup and faults run, the
# snapshot is kept) and a second start (the snapshot is copied back), then `labs test` for all labs.
# Usage: Benchmarks/labs/run.sh [path/to/mlopslab]   (default: a release build)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${1:-}"
if [ -z "$BIN" ]; then swift build -c release >/dev/null; BIN="$(swift build -c release --show-bin-path)/mlopslab"; fi
export NO_COLOR=1
now() { date +%s.%N; }
printf '%-28s %10s %10s\n' lab "first (s)" "again (s)"
for lab in $(ls labs); do
  [ -f "labs/$lab/lab.yaml" ] || continue
  home="$(mktemp -d)"
  t0=$(now); "$BIN" --home "$home" lab start "$lab" >/dev/null; t1=$(now)
  "$BIN" --home "$home" lab start "$lab" >/dev/null; t2=$(now)
  printf '%-28s %10.2f %10.2f\n' "$lab" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)"
  "$BIN" --home "$home" serve stop >/dev/null 2>&1 || true
  "$BIN" --home "$home/labs/$lab/workspace" serve stop >/dev/null 2>&1 || true
  rm -rf "$home"
done
t0=$(now); "$BIN" labs test --parallel 2 | tail -1; t1=$(now)
printf 'labs test --parallel 2: %.1f s\n' "$(echo "$t1 - $t0" | bc)"
