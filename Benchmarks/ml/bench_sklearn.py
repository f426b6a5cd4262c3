"""The Python side of Benchmarks/ml/compare.sh: pandas and scikit-learn on the same files as mlbench.

Usage: python bench_sklearn.py gen DIR            # writes DIR/csv_1m.csv and DIR/clf_200k.csv
       python bench_sklearn.py BENCH FILE REPEATS  # BENCH: csv | logreg | predict | hgb; prints one JSON line per run
Only the fit / predict / read call is timed, in a warm process.
"""
import json, os, sys, time
import numpy as np
import pandas as pd


def gen(d):
    from sklearn.datasets import make_classification
    os.makedirs(d, exist_ok=True)
    X, _ = make_classification(n_samples=1_000_000, n_features=20, random_state=0)
    pd.DataFrame(X, columns=[f"f{i}" for i in range(20)]).to_csv(os.path.join(d, "csv_1m.csv"), index=False)
    X, y = make_classification(n_samples=200_000, n_features=20, random_state=0)
    df = pd.DataFrame(X, columns=[f"f{i}" for i in range(20)]); df["y"] = y
    df.to_csv(os.path.join(d, "clf_200k.csv"), index=False)


def main():
    if sys.argv[1] == "gen":
        gen(sys.argv[2]); return
    bench, path, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
    from sklearn.linear_model import LogisticRegression
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import log_loss
    if bench == "csv":
        for _ in range(repeats):
            t = time.perf_counter(); df = pd.read_csv(path); t = time.perf_counter() - t
            print(json.dumps({"bench": "csv", "seconds": t, "rows": len(df)}), flush=True)
        return
    df = pd.read_csv(path)
    X, y = df.drop(columns="y").values, df["y"].values
    if bench == "logreg":
        for _ in range(repeats):
            t = time.perf_counter(); m = LogisticRegression().fit(X, y); t = time.perf_counter() - t
            print(json.dumps({"bench": "logreg", "seconds": t, "iterations": int(m.n_iter_[0]),
                              "log_loss": log_loss(y, m.predict_proba(X))}), flush=True)
    elif bench == "predict":
        m = LogisticRegression().fit(X, y)
        for _ in range(repeats):
            t = time.perf_counter(); p = m.predict_proba(X); t = time.perf_counter() - t
            print(json.dumps({"bench": "predict", "seconds": t, "rows": len(p)}), flush=True)
    elif bench == "hgb":
        for _ in range(repeats):
            t = time.perf_counter(); h = HistGradientBoostingClassifier(random_state=0).fit(X, y); t = time.perf_counter() - t
            print(json.dumps({"bench": "hgb", "seconds": t, "iterations": int(h.n_iter_),
                              "validation_loss": float(-h.validation_score_[-1])}), flush=True)
    elif bench == "hgb-heldout":
        cut = len(y) * 9 // 10
        h = HistGradientBoostingClassifier(random_state=0).fit(X[:cut], y[:cut])
        print(json.dumps({"bench": "hgb-heldout", "test_log_loss": log_loss(y[cut:], h.predict_proba(X[cut:])),
                          "iterations": int(h.n_iter_)}), flush=True)


if __name__ == "__main__":
    main()
