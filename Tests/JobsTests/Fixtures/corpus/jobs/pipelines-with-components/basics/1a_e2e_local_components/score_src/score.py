"""Score step: scores each test row by its distance to the model's column means."""
import argparse
import csv
import os

parser = argparse.ArgumentParser()
parser.add_argument("--model_input", required=True)
parser.add_argument("--test_data", required=True)
parser.add_argument("--score_output", required=True)
args = parser.parse_args()

with open(os.path.join(args.model_input, "model.csv"), newline="") as handle:
    means = {row["column"]: float(row["mean"]) for row in csv.DictReader(handle)}
lines = ["row,score"]
index = 0
for name in sorted(os.listdir(args.test_data)):
    if not name.endswith(".csv"):
        continue
    with open(os.path.join(args.test_data, name), newline="") as handle:
        for row in csv.DictReader(handle, skipinitialspace=True):
            index += 1
            score = sum(abs(float(row[key]) - mean) for key, mean in means.items() if key in row)
            lines.append(f"{index},{score:.4f}")
os.makedirs(args.score_output, exist_ok=True)
with open(os.path.join(args.score_output, "scores.csv"), "w") as handle:
    handle.write("\n".join(lines) + "\n")
print(f"scored {index} rows")
