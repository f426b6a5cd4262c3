"""Eval step: summarises the scores into a report."""
import argparse
import csv
import os

parser = argparse.ArgumentParser()
parser.add_argument("--scoring_result", required=True)
parser.add_argument("--eval_output", required=True)
args = parser.parse_args()

with open(os.path.join(args.scoring_result, "scores.csv"), newline="") as handle:
    scores = [float(row["score"]) for row in csv.DictReader(handle)]
os.makedirs(args.eval_output, exist_ok=True)
report = f"rows: {len(scores)}\nmean score: {sum(scores) / max(len(scores), 1):.4f}\n"
with open(os.path.join(args.eval_output, "report.txt"), "w") as handle:
    handle.write(report)
print(report, end="")
