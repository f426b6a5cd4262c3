#!/usr/bin/env bash
# Foundation benchmarks (issue 2): start-up (also to the first prompt on a pseudo-terminal), loading
# and validating 2,000 questions, and the scorecard over 100,000 recorded answers. Release build,
# hyperfine (apt-get install hyperfine).
# usage: Benchmarks/foundation/run.sh        (prints hyperfine summaries; record them in docs/PERFORMANCE.md)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install hyperfine" >&2; exit 1; }
swift build -c release --product mlopslab >/dev/null
swift build -c release --product foundationbench >/dev/null
BIN=$(swift build -c release --show-bin-path)
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
"$BIN/foundationbench" gen-bank 2000 "$T/bank"
"$BIN/foundationbench" seed-answers 100000 "$T/home"
export NO_COLOR=1

echo "== start-up: --version, and the REPL started on an empty script (hyperfine gives it an empty stdin: start to first read to exit)"
hyperfine -N -w 5 -r 40 "$BIN/mlopslab --version" "$BIN/mlopslab --home $T/empty-home" 2>&1 | grep -E "Benchmark|Time|Range"

echo "== start-up to the first prompt at a terminal: a pseudo-terminal (libedit set-up, 1,000-line history in the home), then Ctrl-D"
"$BIN/foundationbench" gen-history 1000 "$T/tty-home"
"$BIN/foundationbench" pty-startup 40 "$BIN/mlopslab" "$T/tty-home"

echo "== loading and validating 2,000 generated questions"
hyperfine -N -w 3 -r 20 "$BIN/mlopslab packs validate $T/bank" 2>&1 | grep -E "Benchmark|Time|Range"

echo "== scorecard over 100,000 recorded answers (whole command: SQLite read, bank, model, JSON)"
MLOPSLAB_SCENARIOS="$PWD/scenarios" hyperfine -N -w 2 -r 15 "$BIN/mlopslab --home $T/home scorecard --format json" 2>&1 | grep -E "Benchmark|Time|Range"
