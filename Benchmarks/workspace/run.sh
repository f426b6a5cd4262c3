#!/usr/bin/env bash
# Workspace benchmarks (issue 4): `az ml data list` one-shot, `az ml job list` with 10,000 jobs in
# the store, and a command job training logistic regression on 10,000 rows from submit to Completed.
# usage: Benchmarks/workspace/run.sh      (release build; needs hyperfine and sqlite3: apt-get install hyperfine sqlite3)
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in hyperfine sqlite3; do command -v $tool >/dev/null || { echo "$tool is needed: apt-get install $tool" >&2; exit 1; }; done
swift build -c release --product mlopslab >/dev/null
BIN=$(swift build -c release --show-bin-path)/mlopslab
SHARED=${SHARED:-$(cd .. && pwd)/shared}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
H="$T/home"; cd "$T"
export NO_COLOR=1

# 10,000 rows of the Adult data set (shared/datasets) and a data asset over them.
head -n 10001 "$SHARED/datasets/adult.csv" > adult10k.csv
for v in $(seq 1 20); do "$BIN" --home "$H" az ml data create --name adult --version "$v" --path adult10k.csv --type uri_file -o none; done
label=income
cat > train.yml <<YAML
\$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
experiment_name: bench
command: mlopslab ml train --data \${{inputs.data}} --label $label --algorithm logistic-regression --standardize --model-output \${{outputs.model}}
inputs:
  data: {type: uri_file, path: azureml:adult:1}
outputs:
  model: {type: mlflow_model}
environment: azureml:AzureML-sklearn-1.5@latest
YAML

echo "== command job: logistic regression on 10,000 rows, job create --stream (submit to Completed)"
hyperfine -N -w 1 -r 10 "$BIN --home $H az ml job create -f train.yml --stream -o none" 2>&1 | grep -E "Time|Range"

# Copy the newest real job record 10,000 times (new names), so listing reads a full store.
sqlite3 "$H/state.sqlite" "
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
  INSERT INTO ws_resource (kind, scope, name, version, version_number, archived, content_hash, created_at, body, parent, status)
  SELECT r.kind, r.scope, r.name || '_copy_' || n.i, r.version, r.version_number, r.archived, r.content_hash,
         r.created_at - n.i, r.body, r.parent, r.status
  FROM n, (SELECT * FROM ws_resource WHERE kind = 'job' ORDER BY created_at DESC LIMIT 1) AS r;"
echo "jobs in the store: $(sqlite3 "$H/state.sqlite" "SELECT COUNT(*) FROM ws_resource WHERE kind = 'job'")"

echo "== one-shot az ml data list, and az ml job list with 10,000 jobs"
hyperfine -N -w 3 -r 30 "$BIN --home $H az ml data list -o none" "$BIN --home $H az ml job list -o none" 2>&1 | grep -E "Benchmark|Time|Range"
