#!/usr/bin/env bash
# Production traffic benchmark (issue 6 goal: 30 simulated days at 1,000 requests/day with daily monitor runs in
# under 10 s): a churn-like logistic regression (3 numeric + 1 categorical feature) deployed with data collection
# behind a key-authenticated managed online endpoint; a daily monitor with data drift, prediction drift and model
# performance (and, with RETRAIN=1, an alert-triggered retraining pipeline job); then
#   mlopslab traffic --endpoint churn-online --data requests.csv --rate 1000 --per day --days 30 \
#     --drift "x1:shift=1.5@day=15" --label-delay 3d
# timed with hyperfine. Each run restores the state home to the moment before the traffic (fresh collected data,
# no monitor runs, the same simulated clock), so every run sends 30,000 single-row HTTP requests through the
# scoring host, and the 30 daily monitor runs read what the host collected.
# Usage: [RUNS=3] [RETRAIN=1] Benchmarks/traffic/run.sh [path/to/mlopslab]
set -euo pipefail
BIN=$(realpath "${1:-.build/release/mlopslab}")
RUNS=${RUNS:-3}
WORK=$(mktemp -d /tmp/traffic-bench.XXXXXX)
export MLOPSLAB_HOME="$WORK/home"
trap '"$BIN" serve stop >/dev/null 2>&1 || true' EXIT
cd "$WORK"
python3 - <<'PY'
import random
def rows(n, seed):
    r = random.Random(seed)
    out = ["x1,x2,x3,segment,churned"]
    for _ in range(n):
        x1, x2, x3 = (r.uniform(-2, 2) for _ in range(3))
        seg = "a" if r.random() < 0.4 else "b"
        y = "yes" if x1 + 0.5 * x2 - 0.3 * x3 + r.uniform(-0.3, 0.3) > 0 else "no"
        out.append(f"{x1:.6f},{x2:.6f},{x3:.6f},{seg},{y}")
    return "\n".join(out) + "\n"
open("train.csv", "w").write(rows(1000, 11))
open("requests.csv", "w").write(rows(1000, 12))
PY
"$BIN" ml train --data train.csv --label churned --algorithm logistic-regression --model-output model >/dev/null
"$BIN" az ml model create -n churn -v 1 --type mlflow_model --path model -o none
"$BIN" az ml data create -n churn-train -v 1 --type uri_file --path train.csv -o none
"$BIN" az ml online-endpoint create -n churn-online -o none
cat > blue.yml <<'YML'
name: blue
endpoint_name: churn-online
model: azureml:churn:1
instance_type: Standard_DS3_v2
instance_count: 1
data_collector:
  collections:
    model_inputs: {enabled: 'True'}
    model_outputs: {enabled: 'True'}
YML
"$BIN" az ml online-deployment create -f blue.yml --all-traffic -o none
cat > retrain-pipeline.yml <<'YML'
$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json
type: pipeline
display_name: retrain-on-drift
jobs:
  retrain:
    type: command
    command: echo retraining after drift
    environment: {image: python}
YML
RETRAINING=""
if [ "${RETRAIN:-0}" = "1" ]; then RETRAINING="    retraining_job: ./retrain-pipeline.yml"; fi
cat > monitor.yml <<YML
name: churn-monitor
trigger: {type: recurrence, frequency: day, interval: 1, schedule: {hours: [0], minutes: [0]}}
create_monitor:
  monitoring_target: {ml_task: classification, endpoint_deployment_id: azureml:churn-online:blue}
  monitoring_signals:
    input-drift:
      type: data_drift
      reference_data: {input_data: {path: azureml:churn-train:1, type: uri_file}, data_column_names: {target_column: churned}}
      features: [x1, x2, x3, segment]
    output-drift:
      type: prediction_drift
      reference_data: {input_data: {path: azureml:churn-train:1, type: uri_file}, data_column_names: {target_column: churned}}
    performance:
      type: model_performance
      metric_thresholds: {classification: {accuracy: 0.7}}
  alert_notification:
    emails: [mlops@example.com]
$RETRAINING
YML
# Start the traffic at the next UTC midnight so each daily window holds one whole day.
NOW=$("$BIN" clock show | sed -n 's/^Simulated time: //p')
"$BIN" clock advance "$(python3 -c "import datetime as d, math; n=d.datetime.fromisoformat('$NOW').timestamp(); print(int(math.ceil((math.floor(n/86400)+1)*86400 - n)) + 1)")s" >/dev/null
"$BIN" az ml schedule create -f monitor.yml -o none
"$BIN" serve stop >/dev/null
cp -a "$MLOPSLAB_HOME" "$WORK/home.before"
TRAFFIC="$BIN traffic --endpoint churn-online --data requests.csv --rate 1000 --per day --days 30 --drift x1:shift=1.5@day=15 --label-delay 3d"
echo "check run:"
$TRAFFIC | tail -3
"$BIN" alerts > alerts.txt; head -3 alerts.txt
"$BIN" serve stop >/dev/null
# Each timed run starts from the saved state home with the host already running (as it is after a deployment).
hyperfine --runs "$RUNS" --export-markdown "$WORK/traffic.md" \
  --prepare "$BIN serve stop >/dev/null; rm -rf $MLOPSLAB_HOME; cp -a $WORK/home.before $MLOPSLAB_HOME; $BIN serve start >/dev/null" \
  "$TRAFFIC"
cat "$WORK/traffic.md"
"$BIN" serve stop >/dev/null
rm -rf "$WORK"
