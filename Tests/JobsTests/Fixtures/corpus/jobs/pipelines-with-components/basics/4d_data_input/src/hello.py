"""Lists the input folder and writes a greeting file to the output folder."""
import argparse
import os

parser = argparse.ArgumentParser()
parser.add_argument("--input_data", required=True)
parser.add_argument("--input_string", required=True)
parser.add_argument("--output_data", required=True)
args = parser.parse_args()

files = sorted(os.listdir(args.input_data))
print(f"{args.input_string}: input files {files}")
os.makedirs(args.output_data, exist_ok=True)
with open(os.path.join(args.output_data, "hello.txt"), "w") as handle:
    handle.write(f"{args.input_string}\n" + "\n".join(files) + "\n")
