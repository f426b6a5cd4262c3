#!/usr/bin/env bash
# Serving benchmark (issue 6), side by side on this machine: a 20-feature logistic regression deployed as an
# MLflow model behind a key-authenticated mlopslab online endpoint, against the same model (scikit-learn,
# trained on the same rows) in a Flask scoring app under gunicorn with 2 workers and under Flask's own server.
# Every target is driven by wrk with 2 threads, 16 connections, 10 s on 127.0.0.1, first with a 1-row body,
# then with a 100-row body (MLflow `input_data`), after a 2 s warm-up. Prints requests/s, p50, p99, errors,
# the ratios mlopslab / gunicorn and mlopslab / Flask, and the scoring host's memory before and after.
#
# Usage: [DURATION=10s] [ROWS="1 100"] [TARGETS="mlopslab gunicorn flask"] Benchmarks/serving/run.sh [path/to/mlopslab]
# Needs: wrk, curl, python3 with flask, gunicorn, scikit-learn, numpy (pip install flask gunicorn scikit-learn).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=$(realpath "${1:-$ROOT/.build/release/mlopslab}")
DURATION=${DURATION:-10s}
ROWS=${ROWS:-"1 100"}
TARGETS=${TARGETS:-"mlopslab gunicorn flask"}
PYTHON=${PYTHON:-python3}
WORK=$(mktemp -d /tmp/serving-bench.XXXXXX)
export MLOPSLAB_HOME="$WORK/home"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  "$BIN" serve stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK"

"$PYTHON" - $ROWS <<'PY'
import json, random, sys
random.seed(7)
cols = [f"f{i}" for i in range(20)]
w = [random.uniform(-1, 1) for _ in cols]
with open("train.csv", "w") as f:
    f.write(",".join(cols + ["label"]) + "\n")
    for _ in range(5000):
        x = [random.gauss(0, 1) for _ in cols]
        y = 1 if sum(a * b for a, b in zip(w, x)) + random.gauss(0, 0.5) > 0 else 0
        f.write(",".join(f"{v:.6f}" for v in x) + f",{y}\n")
for n in sys.argv[1:]:
    rows = [[round(random.gauss(0, 1), 6) for _ in cols] for _ in range(int(n))]
    json.dump({"input_data": {"columns": cols, "index": list(range(len(rows))), "data": rows}}, open(f"request-{n}.json", "w"))
PY

free_port() { "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_ready() {  # url key body
  for _ in $(seq 1 200); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $2" -H 'Content-Type: application/json' --data @"$3" "$1")" = 200 ]; then return 0; fi
    sleep 0.1
  done
  echo "$1 did not answer 200" >&2; return 1
}

declare -A URL KEY
FIRST=$(echo $ROWS | cut -d' ' -f1)
for target in $TARGETS; do
  case $target in
    mlopslab)
      "$BIN" ml train --data train.csv --label label --algorithm logistic-regression --model-output model >/dev/null
      "$BIN" az ml model create -n bench-model -v 1 --type mlflow_model --path model -o none
      "$BIN" az ml online-endpoint create -n bench-ep -o none
      cat > blue.yml <<'YML'
$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json
name: blue
endpoint_name: bench-ep
model: azureml:bench-model:1
instance_type: Standard_DS3_v2
instance_count: 1
request_settings:
  max_concurrent_requests_per_instance: 64
YML
      "$BIN" az ml online-deployment create -f blue.yml --all-traffic -o none
      URL[mlopslab]=$("$BIN" az ml online-endpoint show -n bench-ep --query scoring_uri -o tsv)
      KEY[mlopslab]=$("$BIN" az ml online-endpoint get-credentials -n bench-ep --query primaryKey -o tsv) ;;
    gunicorn)
      port=$(free_port)
      BASELINE_KEY=baseline-key "$PYTHON" -m gunicorn -w 2 -b "127.0.0.1:$port" --chdir "$HERE" --env BASELINE_TRAIN="$WORK/train.csv" \
        --log-level warning baseline_app:app >gunicorn.log 2>&1 &
      PIDS+=($!)
      URL[gunicorn]="http://127.0.0.1:$port/score"; KEY[gunicorn]=baseline-key ;;
    flask)
      port=$(free_port)
      BASELINE_KEY=baseline-key BASELINE_TRAIN="$WORK/train.csv" "$PYTHON" "$HERE/baseline_app.py" "$port" >flask.log 2>&1 &
      PIDS+=($!)
      URL[flask]="http://127.0.0.1:$port/score"; KEY[flask]=baseline-key ;;
  esac
  wait_ready "${URL[$target]}" "${KEY[$target]}" "request-$FIRST.json"
done

for n in $ROWS; do
  echo "answers to the $n-row body (first 80 characters):"
  for target in $TARGETS; do
    printf '  %-9s %s\n' "$target" "$(curl -s -H "Authorization: Bearer ${KEY[$target]}" -H 'Content-Type: application/json' --data @"request-$n.json" "${URL[$target]}" | cut -c1-80)"
  done
done

cat > post.lua <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY")
local f = assert(io.open(os.getenv("BENCH_BODY"), "r"))
wrk.body = f:read("*a")
f:close()
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.0f %.3f %.3f %d %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    e.connect + e.read + e.write + e.timeout, e.status))
end
LUA

host_rss() {
  local pid
  pid=$("$PYTHON" -c "import json;print(json.load(open('$MLOPSLAB_HOME/serving/host.json'))['pid'])")
  awk '/VmRSS/ {print $2}' "/proc/$pid/status"
}

declare -A RPS P50 P99
echo
echo "wrk -t2 -c16 -d$DURATION --latency, load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-9s %10s %9s %9s %10s %7s %7s\n' rows target "req/s" "p50 ms" "p99 ms" requests errors non-2xx
for n in $ROWS; do
  for target in $TARGETS; do
    export BENCH_KEY=${KEY[$target]} BENCH_BODY="$WORK/request-$n.json"
    wrk -t2 -c16 -d2s -s post.lua "${URL[$target]}" >/dev/null
    [ "$target" = mlopslab ] && RSS_BEFORE=$(host_rss)
    line=$(wrk -t2 -c16 -d"$DURATION" --latency -s post.lua "${URL[$target]}" | grep '^RESULT')
    read -r _ rps p50 p99 requests errors non2xx <<<"$line"
    RPS[$target.$n]=$rps; P50[$target.$n]=$p50; P99[$target.$n]=$p99
    printf '%-6s %-9s %10s %9s %9s %10s %7s %7s\n' "$n" "$target" "$rps" "$p50" "$p99" "$requests" "$errors" "$non2xx"
    if [ "$target" = mlopslab ]; then
      RSS_AFTER=$(host_rss)
      echo "       scoring host memory (VmRSS) after warm-up $RSS_BEFORE kB -> after the run $RSS_AFTER kB ($(awk -v a="$RSS_BEFORE" -v b="$RSS_AFTER" 'BEGIN { printf "%+.1f", (b - a) * 100 / a }') %)"
    fi
  done
done
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
for n in $ROWS; do
  for anchor in gunicorn flask; do
    if [[ -n "${RPS[mlopslab.$n]:-}" && -n "${RPS[$anchor.$n]:-}" ]]; then
      awk -v a="${RPS[mlopslab.$n]}" -v b="${RPS[$anchor.$n]}" -v p="${P99[mlopslab.$n]}" -v q="${P99[$anchor.$n]}" -v n="$n" -v t="$anchor" \
        'BEGIN { printf "%s-row body: mlopslab / %s throughput ratio %.1fx (p99 %.2f ms vs %.2f ms)\n", n, t, a / b, p, q }'
    fi
  done
done
if [[ " $TARGETS " == *" mlopslab "* ]]; then
  echo
  "$BIN" serve status
fi
