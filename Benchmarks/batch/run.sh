#!/usr/bin/env bash
# Batch scoring benchmark (issue 6 goal: 1,000,000 rows in under 5 s): a 20-feature logistic regression from
# `mlopslab ml train`, registered as an MLflow model, behind a batch endpoint on an amlcompute cluster;
# `az ml batch-endpoint invoke` over 10 CSV files x 100,000 rows x 20 numeric features, timed with hyperfine.
# invoke returns once the job is submitted (as az does), so each timed run is invoke followed by
# `az ml job stream -n JOB`, which returns when the job is Completed and predictions.csv is written: two process
# start-ups, the batch job's runner process, and the scoring.
# Usage: [RUNS=3] Benchmarks/batch/run.sh [path/to/mlopslab] [files] [rows-per-file]
set -euo pipefail
BIN=$(realpath "${1:-.build/release/mlopslab}")
FILES=${2:-10}
ROWS=${3:-100000}
RUNS=${RUNS:-3}
WORK=$(mktemp -d /tmp/batch-bench.XXXXXX)
export MLOPSLAB_HOME="$WORK/home"
cd "$WORK"
python3 - "$FILES" "$ROWS" <<'PY'
import os, random, sys
files, rows = int(sys.argv[1]), int(sys.argv[2])
random.seed(7)
cols = [f"f{i}" for i in range(20)]
w = [random.uniform(-1, 1) for _ in cols]
def row():
    return [random.gauss(0, 1) for _ in cols]
with open("train.csv", "w") as f:
    f.write(",".join(cols + ["label"]) + "\n")
    for _ in range(5000):
        x = row()
        f.write(",".join(f"{v:.6f}" for v in x) + f",{1 if sum(a * b for a, b in zip(w, x)) > 0 else 0}\n")
os.makedirs("to-score", exist_ok=True)
for i in range(files):
    with open(f"to-score/part-{i:02d}.csv", "w") as f:
        f.write(",".join(cols) + "\n")
        f.writelines(",".join(f"{v:.6f}" for v in row()) + "\n" for _ in range(rows))
PY
"$BIN" ml train --data train.csv --label label --algorithm logistic-regression --model-output model >/dev/null
"$BIN" az ml model create -n bench-model -v 1 --type mlflow_model --path model -o none
"$BIN" az ml compute create -n cpu-cluster --type amlcompute --max-instances 2 -o none
"$BIN" az ml batch-endpoint create -n bench-batch -o none
cat > deployment.yml <<'YML'
name: lr
endpoint_name: bench-batch
type: model
model: azureml:bench-model:1
compute: azureml:cpu-cluster
resources: {instance_count: 1}
settings:
  max_concurrency_per_instance: 2
  mini_batch_size: 1
  output_action: append_row
  output_file_name: predictions.csv
YML
"$BIN" az ml batch-deployment create -f deployment.yml --set-default -o none
echo "input: $(du -sh to-score | cut -f1) in $FILES files, $((FILES * ROWS)) rows"
JOB=$("$BIN" az ml batch-endpoint invoke -n bench-batch --input ./to-score --query name -o tsv)
echo "check run: job $JOB $("$BIN" az ml job show -n "$JOB" --query status -o tsv)"
"$BIN" az ml job download -n "$JOB" --output-name score --download-path check -o none
echo "predictions: $(($(find check -name predictions.csv -exec cat {} + | wc -l))) lines (with header)"
cat > invoke-and-wait.sh <<SH
#!/usr/bin/env bash
set -euo pipefail
job=\$("$BIN" az ml batch-endpoint invoke -n bench-batch --input ./to-score --query name -o tsv)
"$BIN" az ml job stream -n "\$job" > stream.log
test "\$("$BIN" az ml job show -n "\$job" --query status -o tsv)" = Completed
SH
chmod +x invoke-and-wait.sh
hyperfine --runs "$RUNS" --export-markdown "$WORK/batch.md" ./invoke-and-wait.sh
tail -4 stream.log
cat "$WORK/batch.md"
[ -n "${KEEP:-}" ] || rm -rf "$WORK"
