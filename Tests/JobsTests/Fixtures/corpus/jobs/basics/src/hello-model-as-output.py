"""Copies the input model folder into the custom model output."""
import argparse
import os
import shutil

parser = argparse.ArgumentParser()
parser.add_argument("--input_model")
parser.add_argument("--custom_model_output")
args = parser.parse_args()

for name in sorted(os.listdir(args.input_model)):
    shutil.copy(os.path.join(args.input_model, name), os.path.join(args.custom_model_output, name))
    print(f"copied {name}")
