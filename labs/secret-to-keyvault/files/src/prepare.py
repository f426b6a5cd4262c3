"""Normalises serum measurements with the partner's lab-units service before training.

The partner client is stubbed in this lab: it checks the API key the way the service does
(the service knows the SHA-256 of each issued key) and then applies the conversion locally.
"""
import argparse
import csv
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def labunits_client(api_key):
    with open(os.path.join(HERE, "config", "labunits.json")) as handle:
        config = json.load(handle)
    if not api_key:
        sys.exit("labunits: LABUNITS_API_KEY is not set; the service answers 401 without a key")
    if hashlib.sha256(api_key.encode()).hexdigest() != config["key_sha256"]:
        sys.exit("labunits: 401 Unauthorized from %s: invalid API key" % config["endpoint"])
    return config


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    config = labunits_client(os.environ.get("LABUNITS_API_KEY", ""))
    with open(args.data, newline="") as source, open(args.out, "w", newline="") as target:
        reader = csv.DictReader(source)
        writer = csv.DictWriter(target, fieldnames=reader.fieldnames, lineterminator="\n")
        writer.writeheader()
        rows = 0
        for row in reader:
            for column in config["serum_columns"]:
                row[column] = "%.4f" % float(row[column])
            writer.writerow(row)
            rows += 1
    print("labunits: normalised %d rows" % rows)


if __name__ == "__main__":
    main()
