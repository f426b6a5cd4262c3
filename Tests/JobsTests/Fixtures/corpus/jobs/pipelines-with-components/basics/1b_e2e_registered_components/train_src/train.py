"""Train step: averages the numeric columns of every CSV in the training folder and saves them as the model."""
import argparse
import csv
import os

parser = argparse.ArgumentParser()
parser.add_argument("--training_data", required=True)
parser.add_argument("--max_epocs", type=int, default=1)
parser.add_argument("--learning_rate", type=float, default=0.01)
parser.add_argument("--learning_rate_schedule", default="time-based")
parser.add_argument("--model_output", required=True)
args = parser.parse_args()

totals, count = {}, 0
for name in sorted(os.listdir(args.training_data)):
    if not name.endswith(".csv"):
        continue
    with open(os.path.join(args.training_data, name), newline="") as handle:
        for row in csv.DictReader(handle, skipinitialspace=True):
            count += 1
            for key, value in row.items():
                try:
                    totals[key] = totals.get(key, 0.0) + float(value)
                except (TypeError, ValueError):
                    pass
os.makedirs(args.model_output, exist_ok=True)
with open(os.path.join(args.model_output, "model.csv"), "w") as handle:
    handle.write("column,mean\n")
    for key in sorted(totals):
        handle.write(f"{key},{totals[key] / max(count, 1)}\n")
print(f"trained on {count} rows for {args.max_epocs} epochs at lr {args.learning_rate} ({args.learning_rate_schedule})")
