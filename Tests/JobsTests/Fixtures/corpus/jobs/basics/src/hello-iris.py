"""Reads the iris CSV and prints the mean of each measurement per species.

Given a URL (hello-iris-literal.yml passes the address as a plain string, which pandas would download),
it reads the copy of the file shipped next to this script, as the simulator has no network.
"""
import argparse
import csv
import os
from collections import defaultdict

parser = argparse.ArgumentParser()
parser.add_argument("--iris-csv", required=True)
args = parser.parse_args()

sums = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
counts = defaultdict(int)
path = args.iris_csv
if "://" in path:
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), path.rsplit("/", 1)[-1])
    print(f"reading the bundled copy {os.path.basename(path)} of {args.iris_csv}")
with open(path, newline="") as handle:
    for row in csv.DictReader(handle):
        species = row["species"]
        counts[species] += 1
        for index, column in enumerate(["sepal_length", "sepal_width", "petal_length", "petal_width"]):
            sums[species][index] += float(row[column])
for species in sorted(counts):
    means = ", ".join(f"{value / counts[species]:.2f}" for value in sums[species])
    print(f"{species}: {counts[species]} rows, means {means}")
