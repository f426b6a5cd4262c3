"""Generates the reference values the MLMetrics tests compare against (to 1e-9).

Run from this folder with scikit-learn 1.9.1, SciPy 1.17.1, NumPy 2.4.6, Fairlearn 0.15.0:
    python make_fixtures.py
It rewrites classification.json, regression.json, fairness.json, ks.json, drift.json and
calibration.json. The outputs are committed so `swift test` never needs Python.

Drift fixtures re-implement Azure ML monitoring (azureml-assets model_monitoring histogram_utils,
PySpark RDD.histogram) and Evidently 0.7 legacy rules with NumPy/SciPy, as documented in
docs/drift.md; the statistical pieces (ks_2samp, wasserstein_distance, jensenshannon, chisquare)
are SciPy's own.
"""
import json
import math
import warnings

import numpy as np
import scipy
import sklearn
from scipy import stats
from scipy.spatial.distance import jensenshannon
from sklearn import metrics as skm
from sklearn.calibration import calibration_curve
from sklearn.isotonic import IsotonicRegression
import fairlearn
from fairlearn import metrics as flm

warnings.simplefilter("ignore")
rng = np.random.default_rng(20261121)
VERSIONS = {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__,
            "fairlearn": fairlearn.__version__}


def num(x):
    x = float(x)
    return None if math.isnan(x) else x


def dump(name, payload):
    payload["versions"] = VERSIONS
    with open(name, "w") as f:
        json.dump(payload, f, indent=1, allow_nan=False)


# ---------------------------------------------------------------- classification
def binary_case(name, y, yhat, s):
    y = np.asarray(y); yhat = np.asarray(yhat); s = np.asarray(s, dtype=float)
    single = len(np.unique(y)) < 2
    cm = skm.confusion_matrix(y, yhat, labels=[0, 1]).ravel()
    case = {
        "name": name, "y_true": y.tolist(), "y_pred": yhat.tolist(), "score": s.tolist(),
        "accuracy": skm.accuracy_score(y, yhat),
        "balanced_accuracy": skm.balanced_accuracy_score(y, yhat),
        "precision": skm.precision_score(y, yhat, zero_division=0),
        "recall": skm.recall_score(y, yhat, zero_division=0),
        "f1": skm.f1_score(y, yhat, zero_division=0),
        "precision_macro": skm.precision_score(y, yhat, average="macro", zero_division=0),
        "recall_macro": skm.recall_score(y, yhat, average="macro", zero_division=0),
        "f1_macro": skm.f1_score(y, yhat, average="macro", zero_division=0),
        "precision_weighted": skm.precision_score(y, yhat, average="weighted", zero_division=0),
        "recall_weighted": skm.recall_score(y, yhat, average="weighted", zero_division=0),
        "f1_weighted": skm.f1_score(y, yhat, average="weighted", zero_division=0),
        "roc_auc": None if single else skm.roc_auc_score(y, s),
        "average_precision": skm.average_precision_score(y, s),
        "log_loss": skm.log_loss(y, s, labels=[0, 1]),
        "brier_score": skm.brier_score_loss(y, s, labels=[0, 1]),
        "confusion_matrix": {"tn": int(cm[0]), "fp": int(cm[1]), "fn": int(cm[2]), "tp": int(cm[3])},
    }
    return case


def classification():
    cases = []
    cases.append(binary_case("doc_example_ties", [0, 1, 1, 0], [0, 0, 1, 0], [0.3, 0.3, 0.8, 0.1]))
    cases.append(binary_case("no_predicted_positive", [0, 1, 1], [0, 0, 0], [0.2, 0.4, 0.45]))
    cases.append(binary_case("all_scores_tied", [0, 1, 1, 0, 1], [1, 1, 1, 1, 1], [0.5] * 5))
    cases.append(binary_case("single_class_negative", [0, 0, 0, 0], [0, 1, 0, 0], [0.1, 0.7, 0.2, 0.3]))
    cases.append(binary_case("extreme_probabilities", [1, 0, 1, 0], [1, 1, 0, 0], [1.0, 1.0, 0.0, 0.0]))
    for n, k in [(50, 0), (500, 1), (3000, 2)]:
        y = rng.integers(0, 2, n)
        raw = y * 0.8 + rng.normal(0, 0.6, n)
        s = 1 / (1 + np.exp(-raw))
        if k == 1:
            s = np.round(s, 1)  # many ties
        yhat = (s >= 0.5).astype(int)
        cases.append(binary_case(f"random_{n}", y, yhat, s))
    multi = []
    for n in [30, 400]:
        y = rng.integers(0, 4, n)
        yhat = np.where(rng.random(n) < 0.6, y, rng.integers(0, 5, n))  # class 4 never true
        multi.append({
            "name": f"multiclass_{n}", "y_true": y.tolist(), "y_pred": yhat.tolist(),
            "accuracy": skm.accuracy_score(y, yhat),
            "balanced_accuracy": skm.balanced_accuracy_score(y, yhat),
            **{f"{m}_{a}": getattr(skm, f"{m}_score")(y, yhat, average=a, zero_division=0)
               for m in ["precision", "recall", "f1"] for a in ["macro", "weighted"]},
            "confusion_matrix": skm.confusion_matrix(y, yhat).tolist(),
        })
    dump("classification.json", {"binary": cases, "multiclass": multi})


# ---------------------------------------------------------------- calibration
def calibration():
    out = []
    for n, bins in [(200, 5), (1000, 10), (57, 7)]:
        y = rng.integers(0, 2, n)
        p = np.clip(rng.beta(2, 2, n) * 0.6 + y * 0.3, 0, 1)
        if n == 57:
            p[:10] = [0.0, 1 / 7, 2 / 7, 3 / 7, 0.5, 4 / 7, 1.0, 0.2, 0.4, 0.6]
        prob_true, prob_pred = calibration_curve(y, p, n_bins=bins)
        iso = IsotonicRegression(out_of_bounds="clip").fit(p, y)
        grid = np.linspace(-0.1, 1.1, 25)
        out.append({"y_true": y.tolist(), "probability": p.tolist(), "bins": bins,
                    "prob_true": prob_true.tolist(), "prob_pred": prob_pred.tolist(),
                    "isotonic_grid": grid.tolist(), "isotonic_values": iso.predict(grid).tolist(),
                    "isotonic_train": iso.predict(p).tolist()})
    dump("calibration.json", {"cases": out})


# ---------------------------------------------------------------- regression
def regression():
    cases = []
    def case(name, y, p):
        y = np.asarray(y, dtype=float); p = np.asarray(p, dtype=float)
        cases.append({"name": name, "y_true": y.tolist(), "y_pred": p.tolist(),
                      "rmse": skm.root_mean_squared_error(y, p), "mae": skm.mean_absolute_error(y, p),
                      "r2": num(skm.r2_score(y, p)), "mape": skm.mean_absolute_percentage_error(y, p),
                      "mse": skm.mean_squared_error(y, p)})
    y = rng.normal(10, 3, 300)
    case("random", y, y + rng.normal(0, 1, 300))
    case("constant_target_imperfect", [3, 3, 3], [3, 2, 4])
    case("constant_target_perfect", [3, 3, 3], [3, 3, 3])
    case("zero_in_target", [0, 1, 2, 3], [0.5, 1, 2, 2])
    # r2 needs two samples: scikit-learn returns NaN ("not well-defined with less than two samples") -> null
    case("single_sample", [5], [4])
    dump("regression.json", {"cases": cases})


# ---------------------------------------------------------------- fairness
def fairness():
    cases = []
    def case(name, y, yhat, g):
        y = np.asarray(y); yhat = np.asarray(yhat); g = np.asarray(g)
        mf = flm.MetricFrame(metrics={"selection_rate": flm.selection_rate, "tpr": flm.true_positive_rate,
                                      "fpr": flm.false_positive_rate, "accuracy": skm.accuracy_score},
                             y_true=y, y_pred=yhat, sensitive_features=g)
        by = mf.by_group
        cases.append({
            "name": name, "y_true": y.tolist(), "y_pred": yhat.tolist(), "group": g.tolist(),
            "by_group": {str(k): {c: float(by.loc[k, c]) for c in by.columns} for k in by.index},
            "demographic_parity_difference": flm.demographic_parity_difference(y, yhat, sensitive_features=g),
            "demographic_parity_ratio": num(flm.demographic_parity_ratio(y, yhat, sensitive_features=g)),
            "equalized_odds_difference": flm.equalized_odds_difference(y, yhat, sensitive_features=g),
            "equalized_odds_ratio": num(flm.equalized_odds_ratio(y, yhat, sensitive_features=g)),
        })
    case("worked_example", [1, 1, 0, 0, 1, 0, 1, 0, 1, 1], [1, 0, 0, 1, 1, 0, 1, 1, 0, 1], list("aaaabbbbbb"))
    n = 600
    g = rng.choice(["x", "y", "z"], n, p=[0.5, 0.3, 0.2])
    y = rng.integers(0, 2, n)
    yhat = np.where(rng.random(n) < np.where(g == "z", 0.5, 0.8), y, 1 - y)
    case("three_groups", y, yhat, g)
    case("group_without_positives", [0, 0, 1, 1, 0, 1], [1, 0, 1, 0, 0, 1], list("aabbbb"))
    dump("fairness.json", {"cases": cases})


# ---------------------------------------------------------------- KS
def ks():
    tests = []
    specs = [(8, 8, 0.0, 1), (20, 20, 0.5, 1), (100, 100, 0.3, 1), (37, 53, 0.4, 1), (500, 800, 0.1, 1),
             (1000, 1000, 0.05, 1), (3000, 4500, 0.05, 1), (10000, 10000, 0.02, 1),
             (30, 20000, 0.3, 1), (100, 15000, 0.5, 1), (12000, 9000, 0.03, 1), (11000, 10500, 0.0, 1),
             (60, 60, 0.5, 0), (400, 11000, 0.1, 0)]
    for n1, n2, shift, continuous in specs:
        a = np.round(rng.normal(0, 1, n1), 6)
        b = np.round(rng.normal(shift, 1.1, n2), 6)
        if not continuous:
            a = np.round(a * 2) / 2; b = np.round(b * 2) / 2
        r = stats.ks_2samp(a, b)
        tests.append({"a": a.tolist(), "b": b.tolist(), "statistic": float(r.statistic), "pvalue": float(r.pvalue)})
    grid = []
    for n in [3, 10, 50, 140, 141, 500, 5000, 60000, 100000, 150000, 500000]:
        for x in [0.5 / n + 1e-9, 0.8 / n, 1.5 / n, 0.3 / math.sqrt(n), 0.8 / math.sqrt(n), 1.2 / math.sqrt(n),
                  1.6 / math.sqrt(n), 2.5 / math.sqrt(n), 5 / math.sqrt(n), 0.55, 0.97]:
            if 0 < x < 1:
                grid.append({"n": n, "x": x, "sf": float(stats.kstwo.sf(x, n))})
    for _ in range(200):
        n = int(np.exp(rng.uniform(np.log(2), np.log(2_000_000))))
        x = float(np.sqrt(np.exp(rng.uniform(np.log(0.05), np.log(400))) / n))
        if 0 < x < 1:
            grid.append({"n": n, "x": x, "sf": float(stats.kstwo.sf(x, n))})
    chi = []
    for df in [1, 2, 3, 7, 20, 101]:
        for x in [0.0, 0.01, 0.5, 1.0, 3.0, 10.0, 40.0, 150.0, 700.0]:
            chi.append({"df": df, "x": x, "sf": float(stats.chi2.sf(x, df))})
    dump("ks.json", {"tests": tests, "kstwo_sf": grid, "chi2_sf": chi})


# ---------------------------------------------------------------- drift
def spark_histogram(values, edges):
    edges = list(edges)
    minv, maxv = edges[0], edges[-1]
    steps = [edges[i + 1] - edges[i] for i in range(len(edges) - 1)]
    even = max(steps) - min(steps) < 1e-10
    inc = (maxv - minv) / (len(edges) - 1)
    import bisect
    counters = [0] * len(edges)
    for v in values:
        if v > maxv or v < minv:
            continue
        t = int((v - minv) / inc) if even else bisect.bisect_right(edges, v) - 1
        counters[t] += 1
    last = counters.pop()
    counters[-1] += last
    return np.array(counters, dtype=float)


def azure_numeric(ref, cur):
    k = math.ceil(math.log2(min(len(ref), len(cur))) + 1)
    lo, hi = min(ref.min(), cur.min()), max(ref.max(), cur.max())
    if lo == hi:
        d = 0.005 if lo == 0 else abs(lo * 0.005)
        edges = [lo - d, lo + d]
    else:
        w = (hi - lo) / k
        edges = [lo] + [lo + b * w for b in range(1, k + 1)]
    rc, cc = spark_histogram(ref, edges), spark_histogram(cur, edges)
    p, q = (rc + 1) / len(ref), (cc + 1) / len(cur)
    ks_r = stats.ks_2samp(ref, cur)
    return {"jensen_shannon_distance": float(jensenshannon(rc, cc, base=2)),
            "population_stability_index": float(np.sum((q - p) * np.log(q / p))),
            "normalized_wasserstein_distance": float(stats.wasserstein_distance(ref, cur) / max(np.std(ref, ddof=1), 0.001)),
            "ks_p_value": float(ks_r.pvalue), "ks_statistic": float(ks_r.statistic)}


def azure_categorical(ref, cur):
    cats = sorted(set(ref) | set(cur))
    rc = np.array([np.sum(ref == c) for c in cats], dtype=float)
    cc = np.array([np.sum(cur == c) for c in cats], dtype=float)
    p, q = (rc + 1) / len(ref), (cc + 1) / len(cur)
    with np.errstate(all="ignore"):
        chi = stats.chisquare(cc, rc / len(ref) * len(cur)) if np.all(rc > 0) else None
    return {"jensen_shannon_distance": float(jensenshannon(rc, cc, base=2)),
            "population_stability_index": float(np.sum((q - p) * np.log(q / p))),
            "chi_squared_p_value": float(chi.pvalue) if chi is not None else 0.0}


def fill(p):
    nz = p[p != 0]
    m = nz.min()
    p = p.copy()
    np.place(p, p == 0, m / 10**6 if m <= 0.0001 else 0.0001)
    return p


def evidently_numeric(ref, cur):
    if len(np.unique(ref)) > 20:
        bins = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        rp = np.histogram(ref, bins)[0] / len(ref)
        cp = np.histogram(cur, bins)[0] / len(cur)
    else:
        keys = sorted(set(ref) | set(cur))
        rp = np.array([np.sum(ref == k) for k in keys]) / len(ref)
        cp = np.array([np.sum(cur == k) for k in keys]) / len(cur)
    rpf, cpf = fill(rp), fill(cp)
    return {"jensen_shannon_distance": float(jensenshannon(rp, cp)),
            "population_stability_index": float(np.sum((rpf - cpf) * np.log(rpf / cpf))),
            "normalized_wasserstein_distance": float(stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)),
            "ks_p_value": float(stats.ks_2samp(ref, cur).pvalue)}


def evidently_categorical(ref, cur):
    keys = sorted(set(ref) | set(cur))
    rc = np.array([np.sum(ref == k) for k in keys], dtype=float)
    cc = np.array([np.sum(cur == k) for k in keys], dtype=float)
    rp, cp = rc / len(ref), cc / len(cur)
    rpf, cpf = fill(rp), fill(cp)
    out = {"jensen_shannon_distance": float(jensenshannon(rp, cp)),
           "population_stability_index": float(np.sum((rpf - cpf) * np.log(rpf / cpf)))}
    if np.all(rc > 0):
        out["chi_squared_p_value"] = float(stats.chisquare(cc, rc * (len(cur) / len(ref))).pvalue)
    if len(keys) == 2:
        first = keys[0]
        n1, n2 = len(ref), len(cur)
        p1, p2 = np.mean(ref == first), np.mean(cur == first)
        P = (p1 * n1 + p2 * n2) / (n1 + n2)
        z = (p1 - p2) / np.sqrt(P * (1 - P) * (1 / n1 + 1 / n2))
        out["z_test_p_value"] = float(2 * (1 - stats.norm.cdf(abs(z))))
    return out


def drift():
    numeric, categorical = [], []
    for n1, n2, shift, scale, rounding in [(200, 300, 0.0, 1.0, None), (800, 500, 0.3, 1.2, None),
                                           (5000, 4000, 0.1, 1.0, None), (1500, 1500, 0.5, 1.0, 0),
                                           (50, 70, 2.0, 1.0, None), (3000, 20000, 0.05, 1.1, 2)]:
        ref = np.round(rng.normal(10, 2, n1), 6)
        cur = np.round(rng.normal(10 + shift * 2, 2 * scale, n2), 6)
        if rounding is not None:
            ref, cur = np.round(ref, rounding), np.round(cur, rounding)
        numeric.append({"reference": ref.tolist(), "current": cur.tolist(),
                        "azure": azure_numeric(ref, cur), "evidently": evidently_numeric(ref, cur)})
    const = np.full(40, 5.0)
    numeric.append({"reference": const.tolist(), "current": np.full(30, 5.0).tolist(),
                    "azure": azure_numeric(const, np.full(30, 5.0)), "evidently": evidently_numeric(const, np.full(30, 5.0))})
    cats = np.array(["a", "b", "c", "d"])
    for n1, n2, probs in [(500, 400, [0.4, 0.3, 0.2, 0.1]), (3000, 2000, [0.25, 0.25, 0.25, 0.25])]:
        ref = rng.choice(cats, n1, p=[0.4, 0.3, 0.2, 0.1])
        cur = rng.choice(cats, n2, p=probs)
        categorical.append({"reference": ref.tolist(), "current": cur.tolist(),
                            "azure": azure_categorical(ref, cur), "evidently": evidently_categorical(ref, cur)})
    ref = rng.choice(["no", "yes"], 600, p=[0.7, 0.3]); cur = rng.choice(["no", "yes"], 500, p=[0.6, 0.4])
    categorical.append({"reference": ref.tolist(), "current": cur.tolist(),
                        "azure": azure_categorical(ref, cur), "evidently": evidently_categorical(ref, cur)})
    ref = rng.choice(["a", "b"], 300); cur = rng.choice(["a", "b", "new"], 200)
    categorical.append({"reference": ref.tolist(), "current": cur.tolist(),
                        "azure": azure_categorical(ref, cur), "evidently": evidently_categorical(ref, cur)})
    js = []
    for _ in range(5):
        p = rng.random(6); q = rng.random(6); q[2] = 0
        js.append({"p": p.tolist(), "q": q.tolist(), "base2": float(jensenshannon(p, q, base=2)),
                   "natural": float(jensenshannon(p, q))})
    qpsi = []
    for n1, n2, shift in [(1000, 1200, 0.05), (5000, 5000, 0.3), (777, 3000, 0.0)]:
        ref = np.round(rng.normal(0, 1, n1), 6)
        cur = np.round(rng.normal(shift, 1.1, n2), 6)
        qpsi.append({"reference": ref.tolist(), "current": cur.tolist(), "psi": quantile_psi(ref, cur)})
    dump("drift.json", {"numeric": numeric, "categorical": categorical, "jensen_shannon": js, "quantile_psi": qpsi})


def quantile_psi(ref, cur, bins=10, eps=1e-4):
    """The benchmark's PSI (Benchmarks/drift/drift_numpy.py): reference-quantile bins, shares clipped at eps."""
    inner = np.quantile(ref, np.linspace(0, 1, bins + 1)[1:-1])
    p = np.bincount(np.searchsorted(inner, ref, side="right"), minlength=bins) / len(ref)
    q = np.bincount(np.searchsorted(inner, cur, side="right"), minlength=bins) / len(cur)
    p, q = np.clip(p, eps, None), np.clip(q, eps, None)
    return float(np.sum((q - p) * np.log(q / p)))


classification()
calibration()
regression()
fairness()
ks()
drift()
print("fixtures written")


# ---------------------------------------------------------------- real datasets, end to end
def datasets(shared="/work/shared/datasets"):
    """Deterministic samples of the shipped datasets plus the values the commands must report."""
    import os
    import pandas as pd
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler
    os.makedirs("datasets", exist_ok=True)
    out = {}

    bike = pd.read_csv(f"{shared}/bike_sharing_hourly.csv")
    y2011 = bike[bike.yr == 0].iloc[::4].reset_index(drop=True)
    y2012 = bike[bike.yr == 1].iloc[::4].reset_index(drop=True)
    y2011.to_csv("datasets/bike_2011_sample.csv", index=False)
    y2012.to_csv("datasets/bike_2012_sample.csv", index=False)
    cols = ["season", "hr", "weathersit", "temp", "atemp", "hum", "windspeed", "cnt"]
    drift_expect = {"azure": {}, "evidently": {}}
    for c in cols:
        ref, cur = y2011[c].to_numpy(dtype=float), y2012[c].to_numpy(dtype=float)
        drift_expect["azure"][c] = azure_numeric(ref, cur)
        drift_expect["evidently"][c] = evidently_numeric(ref, cur)
    out["bike_drift"] = {"columns": cols, **drift_expect}

    adult = pd.read_csv(f"{shared}/adult.csv", na_values=["?"])
    features = ["age", "education_num", "capital_gain", "capital_loss", "hours_per_week"]
    train = adult[adult.split == "train"]
    test = adult[adult.split == "test"].iloc[::5].reset_index(drop=True)
    scaler = StandardScaler().fit(train[features])
    model = LogisticRegression().fit(scaler.transform(train[features]), (train.income == ">50K").astype(int))
    proba = model.predict_proba(scaler.transform(test[features]))[:, 1]
    scored = test[features + ["sex", "race", "income"]].copy()
    scored["probability"] = np.round(proba, 6)
    scored["prediction"] = np.where(scored["probability"] >= 0.5, ">50K", "<=50K")
    scored.to_csv("datasets/adult_scored.csv", index=False)
    y = (scored.income == ">50K").astype(int).to_numpy()
    yhat = (scored.prediction == ">50K").astype(int).to_numpy()
    p = scored.probability.to_numpy()
    mf = flm.MetricFrame(metrics={"selection_rate": flm.selection_rate, "recall": flm.true_positive_rate,
                                  "false_positive_rate": flm.false_positive_rate, "accuracy": skm.accuracy_score},
                         y_true=y, y_pred=yhat, sensitive_features=scored.sex)
    out["adult_evaluate"] = {
        "rows": len(scored),
        "accuracy": skm.accuracy_score(y, yhat), "balanced_accuracy": skm.balanced_accuracy_score(y, yhat),
        "precision": skm.precision_score(y, yhat), "recall": skm.recall_score(y, yhat), "f1": skm.f1_score(y, yhat),
        "f1_macro": skm.f1_score(y, yhat, average="macro"), "f1_weighted": skm.f1_score(y, yhat, average="weighted"),
        "roc_auc": skm.roc_auc_score(y, p), "average_precision": skm.average_precision_score(y, p),
        "log_loss": skm.log_loss(y, p), "brier_score": skm.brier_score_loss(y, p),
        "demographic_parity_difference": flm.demographic_parity_difference(y, yhat, sensitive_features=scored.sex),
        "demographic_parity_ratio": flm.demographic_parity_ratio(y, yhat, sensitive_features=scored.sex),
        "equalized_odds_difference": flm.equalized_odds_difference(y, yhat, sensitive_features=scored.sex),
        "by_group": {str(k): {c: float(mf.by_group.loc[k, c]) for c in mf.by_group.columns} for k in mf.by_group.index},
    }
    dump("datasets.json", out)


datasets()
print("dataset fixtures written")
