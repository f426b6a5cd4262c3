"""Writes params and metrics into MLOPSLAB_RUN_DIR in MLflow's file-store layout (the project's stand-in for mlflow)."""
import os
import time


def _folder(kind):
    root = os.environ.get("MLOPSLAB_RUN_DIR")
    if not root:
        return None
    path = os.path.join(root, kind)
    os.makedirs(path, exist_ok=True)
    return path


def log_param(key, value):
    folder = _folder("params")
    if folder:
        with open(os.path.join(folder, key), "w") as handle:
            handle.write(str(value))


def log_metric(key, value, step=0):
    folder = _folder("metrics")
    if folder:
        with open(os.path.join(folder, key), "a") as handle:
            handle.write(f"{int(time.time() * 1000)} {float(value)} {step}\n")
