"""Turn an applicants extract (CSV) into the JSON body the income endpoint expects.

usage: python3 client/build_request.py EXTRACT.csv REQUEST.json

Every column of the extract becomes a column of the request, in the same order; numbers are sent
as numbers. This is the code the member app's back end runs before calling income-ep.
"""
import csv
import json
import sys

if len(sys.argv) != 3:
    sys.exit(__doc__)


def cell(text):
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() else number


with open(sys.argv[1], newline="") as f:
    reader = csv.reader(f)
    columns = next(reader)
    data = [[cell(value) for value in row] for row in reader if row]
body = {"input_data": {"columns": columns, "index": list(range(len(data))), "data": data}}
with open(sys.argv[2], "w") as f:
    json.dump(body, f, indent=1)
    f.write("\n")
print(f"wrote {len(data)} rows to {sys.argv[2]}")
