"""Logs `random_metric`, drawn from a generator seeded by the trial's arguments."""
import argparse
import random

import runlog

parser = argparse.ArgumentParser()
parser.add_argument("--A", type=float)
parser.add_argument("--B", type=str)
parser.add_argument("--C", type=float)
args = parser.parse_args()

value = random.Random(f"{args.A}-{args.B}-{args.C}").random()
runlog.log_metric("random_metric", value)
print(f"A={args.A} B={args.B} C={args.C} random_metric={value}")
