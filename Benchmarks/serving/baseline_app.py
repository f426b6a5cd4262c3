"""The issue-6 anchor: a Flask scoring app for the same 20-feature logistic regression and payload.

Run under Flask's own server (`python3 baseline_app.py PORT`) or under gunicorn
(`gunicorn -w 2 -b 127.0.0.1:PORT baseline_app:app`), from the folder holding `train.csv`.
It trains scikit-learn's LogisticRegression on `train.csv` at start-up (label column `label`),
checks `Authorization: Bearer <key>` against BASELINE_KEY, and answers an MLflow
`{"input_data": {"columns": [...], "data": [[...]]}}` body with the JSON list of predicted classes,
as the mlopslab deployment does.
"""
import os
import sys

import numpy as np
from flask import Flask, abort, jsonify, request
from sklearn.linear_model import LogisticRegression

KEY = os.environ.get("BASELINE_KEY", "baseline-key")
_data = np.genfromtxt(os.environ.get("BASELINE_TRAIN", "train.csv"), delimiter=",", names=True)
FEATURES = [name for name in _data.dtype.names if name != "label"]
_x = np.column_stack([_data[name] for name in FEATURES])
MODEL = LogisticRegression().fit(_x, _data["label"].astype(int))

app = Flask(__name__)


@app.post("/score")
def score():
    if request.headers.get("Authorization") != f"Bearer {KEY}":
        abort(401)
    body = request.get_json(force=True, silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("input_data"), dict):
        abort(400)
    split = body["input_data"]
    columns = split.get("columns", FEATURES)
    try:
        order = [columns.index(name) for name in FEATURES]
        rows = np.asarray(split["data"], dtype=float)[:, order]
    except (ValueError, KeyError, IndexError):
        abort(400)
    return jsonify(MODEL.predict(rows).tolist())


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), threaded=True)
