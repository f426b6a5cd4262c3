#!/usr/bin/env bash
# Side-by-side benchmark of MLCore (mlbench, release build) against pandas / scikit-learn on the same files.
# Usage: Benchmarks/ml/compare.sh [REPEATS]   (env: PYTHON=python3 with pandas + scikit-learn, BENCH_DIR=/tmp/mlopslab-bench)
# Runs each side REPEATS times (default 5), alternating, and prints medians and the ratio Swift/Python.
# The machine may be shared: both sides run in the same script run, interleaved, so they see the same load.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPEATS="${1:-5}"
PYTHON="${PYTHON:-python3}"
DIR="${BENCH_DIR:-/tmp/mlopslab-bench}"
PY=Benchmarks/ml/bench_sklearn.py

swift build -c release --product mlbench >/dev/null
BIN="$(swift build -c release --show-bin-path)/mlbench"
if [ ! -f "$DIR/csv_1m.csv" ] || [ ! -f "$DIR/clf_200k.csv" ]; then
  echo "generating data in $DIR (make_classification, random_state=0) ..."
  "$PYTHON" "$PY" gen "$DIR"
fi
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

run_pair() { # bench file
  for _ in $(seq "$REPEATS"); do
    "$BIN" "$1" "$2" --repeat 1 >>"$OUT/swift_$1.jsonl"
    "$PYTHON" "$PY" "$1" "$2" 1 >>"$OUT/python_$1.jsonl"
  done
}
run_pair csv "$DIR/csv_1m.csv"
run_pair logreg "$DIR/clf_200k.csv"
run_pair predict "$DIR/clf_200k.csv"
run_pair hgb "$DIR/clf_200k.csv"

"$PYTHON" - "$OUT" "$REPEATS" <<'PYEOF'
import json, os, statistics, sys
out, repeats = sys.argv[1], sys.argv[2]
goals = {"csv": 1.0, "logreg": 0.5, "predict": 0.5, "hgb": 1.0}
names = {"csv": "read 1,000,000 x 20 CSV", "logreg": "LogisticRegression fit 200k x 20",
         "predict": "predict_proba 200k rows", "hgb": "HistGradientBoosting fit 200k x 20"}
print(f"median of {repeats} runs each, wall seconds; machine: {os.cpu_count()} CPUs (possibly shared)")
print(f"{'benchmark':38} {'mlopslab':>10} {'python':>10} {'ratio':>7} {'goal':>6}  quality")
for b in ["csv", "logreg", "predict", "hgb"]:
    rows = {}
    for side in ["swift", "python"]:
        with open(os.path.join(out, f"{side}_{b}.jsonl")) as f:
            rows[side] = [json.loads(l) for l in f if l.strip().startswith("{")]
    s = statistics.median(r["seconds"] for r in rows["swift"]); p = statistics.median(r["seconds"] for r in rows["python"])
    q = ""
    for key in ["log_loss", "validation_loss", "iterations"]:
        if key in rows["swift"][0]:
            q += f"{key} {rows['swift'][0][key]:.6g} vs {rows['python'][0][key]:.6g}; "
    print(f"{names[b]:38} {s:10.4f} {p:10.4f} {s/p:7.2f} {goals[b]:6.2f}  {q}")
PYEOF
echo "HistGradientBoosting quality on a common split (fit on the first 90 % of clf_200k.csv, log loss on the last 10 %):"
echo "  mlopslab: $("$BIN" hgb-heldout "$DIR/clf_200k.csv")"
echo "  sklearn:  $("$PYTHON" "$PY" hgb-heldout "$DIR/clf_200k.csv" 1)"
