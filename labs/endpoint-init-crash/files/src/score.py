"""Scoring script for the income classifier (Azure ML inference server contract).

init() runs once when the container starts; run() runs for every request.
The model folder holds model.json and preprocessing.json as written by the
training step; this script needs only the Python standard library.
"""
import json
import logging
import math
import os

model = None
transforms = None


def init():
    global model, transforms
    model_dir = os.path.join(os.environ["AZUREML_MODEL_DIR"], "model")
    with open(os.path.join(model_dir, "model.json")) as f:
        model = json.load(f)
    with open(os.path.join(model_dir, "preprocessing.json")) as f:
        transforms = json.load(f)["transforms"]
    logging.info("Loaded %s model with %d inputs", model["algorithm"], len(transforms))


def _features(record):
    values = []
    for t in transforms:
        value = record[t["column"]]
        if t["kind"] == "categorical":
            values.extend(1.0 if value == c else 0.0 for c in t["categories"])
            continue
        value = float(value) if value is not None else t.get("fill", float("nan"))
        if "center" in t:
            value = (value - t["center"]) / t["scale"]
        values.append(value)
    return values


def _decision(x):
    if "logistic" in model:
        lr = model["logistic"]
        return sum(w * v for w, v in zip(lr["coefficients"][0], x)) + lr["intercepts"][0]
    boosting = model["boosting"]
    total = boosting["baseline"]
    for tree in boosting["trees"]:
        nodes = tree["nodes"]
        node = nodes[0]
        while node["feature"] >= 0:
            v = x[node["feature"]]
            left = node["missing_goes_left"] if math.isnan(v) else v <= node["threshold"]
            node = nodes[node["left"] if left else node["right"]]
        total += node["value"]
    return total


def run(raw_data):
    payload = json.loads(raw_data)["input_data"]
    columns = payload["columns"]
    classes = model["label"]["classes"]
    predictions = []
    for row in payload["data"]:
        z = _decision(_features(dict(zip(columns, row))))
        predictions.append(classes[1] if 1.0 / (1.0 + math.exp(-z)) >= 0.5 else classes[0])
    return predictions
