"""Nearest-centroid classifier on iris (standard library only), standing in for the upstream SVM.

C shrinks each class centroid toward the overall mean by (1 - C) * coef0; kernel picks the distance
(rbf: Euclidean, linear: Manhattan, poly: Chebyshev). Logs training accuracy and macro F1.
"""
import argparse
import csv

import runlog

parser = argparse.ArgumentParser()
parser.add_argument("--iris-csv", required=True)
parser.add_argument("--C", type=float, default=1.0)
parser.add_argument("--kernel", default="rbf")
parser.add_argument("--coef0", type=float, default=0.0)
args = parser.parse_args()

columns = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
rows = []
with open(args.iris_csv, newline="") as handle:
    for row in csv.DictReader(handle):
        rows.append(([float(row[c]) for c in columns], row["species"]))

overall = [sum(x[i] for x, _ in rows) / len(rows) for i in range(4)]
shrink = max(0.0, min(1.0, (1.0 - args.C) * args.coef0))
centroids = {}
for label in sorted({label for _, label in rows}):
    members = [x for x, y in rows if y == label]
    mean = [sum(x[i] for x in members) / len(members) for i in range(4)]
    centroids[label] = [m + (o - m) * shrink for m, o in zip(mean, overall)]


def distance(a, b):
    gaps = [abs(p - q) for p, q in zip(a, b)]
    if args.kernel == "linear":
        return sum(gaps)
    if args.kernel == "poly":
        return max(gaps)
    return sum(g * g for g in gaps) ** 0.5


predictions = [min(centroids, key=lambda label: distance(x, centroids[label])) for x, _ in rows]
truth = [y for _, y in rows]
accuracy = sum(p == t for p, t in zip(predictions, truth)) / len(rows)
f1_scores = []
for label in centroids:
    tp = sum(p == label and t == label for p, t in zip(predictions, truth))
    fp = sum(p == label and t != label for p, t in zip(predictions, truth))
    fn = sum(p != label and t == label for p, t in zip(predictions, truth))
    f1_scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
runlog.log_param("C", args.C)
runlog.log_param("kernel", args.kernel)
runlog.log_param("coef0", args.coef0)
runlog.log_metric("training_accuracy_score", accuracy)
runlog.log_metric("training_f1_score", sum(f1_scores) / len(f1_scores))
print(f"accuracy={accuracy:.4f}")
