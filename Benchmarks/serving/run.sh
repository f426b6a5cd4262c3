#!/usr/bin/env bash
# Serving benchmark: a 20-feature logistic regression deployed as an MLflow model, scored with a 1-row
# JSON body through the key-authenticated scoring URI on 127.0.0.1, with wrk (2 threads, 16 connections, 10 s).
# Usage: [DURATION=60s] Benchmarks/serving/run.sh [path/to/mlopslab] [rows-per-request]
set -euo pipefail
BIN=${1:-.build/release/mlopslab}
ROWS=${2:-1}
WORK=$(mktemp -d /tmp/serving-bench.XXXXXX)
export MLOPSLAB_HOME="$WORK/home"
cd "$WORK"
python3 - "$ROWS" <<'PY'
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
rows = [[round(random.gauss(0, 1), 6) for _ in cols] for _ in range(int(sys.argv[1]))]
json.dump({"input_data": {"columns": cols, "index": list(range(len(rows))), "data": rows}}, open("request.json", "w"))
PY
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
URI=$("$BIN" az ml online-endpoint show -n bench-ep --query scoring_uri -o tsv)
KEY=$("$BIN" az ml online-endpoint get-credentials -n bench-ep --query primaryKey -o tsv)
curl -s -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" --data @request.json "$URI"; echo
cat > post.lua <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $KEY"
local f = io.open("request.json", "r")
wrk.body = f:read("*a")
f:close()
LUA
RSS_BEFORE=$(grep VmRSS /proc/$(python3 -c "import json;print(json.load(open(\"$MLOPSLAB_HOME/serving/host.json\"))[\"pid\"])")/status)
wrk -t2 -c16 -d${DURATION:-10s} --latency -s post.lua "$URI"
echo "host memory before: $RSS_BEFORE"
"$BIN" serve status
"$BIN" serve stop
rm -rf "$WORK"
