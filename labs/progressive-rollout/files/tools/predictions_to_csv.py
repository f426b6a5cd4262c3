"""Join an endpoint's answers with the labels of the requests that produced them.

usage: python3 tools/predictions_to_csv.py ANSWER.json LABELS.csv OUT.csv

ANSWER.json is what `az ml online-endpoint invoke ... -o json > ANSWER.json` saved (a JSON string
holding the list of predictions) or the list itself. LABELS.csv holds the same rows, in the same
order, with their true label. OUT.csv gets every column of LABELS.csv plus `prediction`, ready for
`mlopslab ml evaluate --data OUT.csv --label income --prediction prediction`.
"""
import csv
import json
import sys

if len(sys.argv) != 4:
    sys.exit(__doc__)
answer = json.load(open(sys.argv[1]))
if isinstance(answer, str):
    answer = json.loads(answer)
with open(sys.argv[2], newline="") as f:
    rows = list(csv.DictReader(f))
if len(rows) != len(answer):
    sys.exit(f"{sys.argv[1]} has {len(answer)} predictions but {sys.argv[2]} has {len(rows)} rows")
with open(sys.argv[3], "w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=list(rows[0]) + ["prediction"], lineterminator="\n")
    writer.writeheader()
    for row, prediction in zip(rows, answer):
        writer.writerow({**row, "prediction": prediction})
print(f"wrote {len(rows)} rows to {sys.argv[3]}")
