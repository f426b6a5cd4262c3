"""Generates the reference values the MLCore tests compare against.

Run from the repository root with scikit-learn 1.9.x, pandas and numpy installed:
    python Tests/MLCoreTests/Fixtures/make_fixtures.py
Outputs (committed, so `swift test` never needs Python): the CSV files below and reference.json.
The Adult sample is a deterministic 3,000-row sample (numpy seed 0) of /work/shared/datasets/adult.csv
(see datasets/adult.SOURCE.md for origin and licence); diabetes.csv is copied whole.
"""
import json, os, sys
import numpy as np
import pandas as pd
import sklearn
from sklearn.datasets import make_classification, make_regression
from sklearn.linear_model import LogisticRegression, LinearRegression, Ridge
from sklearn.preprocessing import StandardScaler, OneHotEncoder
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import make_pipeline
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.metrics import log_loss, mean_squared_error
from sklearn.inspection import permutation_importance

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("MLOPSLAB_DATASETS", "/work/shared/datasets")
ref = {"sklearn_version": sklearn.__version__}


def save(df, name):
    df.to_csv(os.path.join(HERE, name), index=False, float_format="%.17g")


def tight_lr(C=1.0):
    return LogisticRegression(C=C, tol=1e-10, max_iter=10000)


# Binary logistic regression
X, y = make_classification(n_samples=500, n_features=5, n_informative=3, random_state=1)
df = pd.DataFrame(X, columns=[f"f{i}" for i in range(5)]); df["y"] = y
save(df, "logreg_binary.csv")
for C in (1.0, 0.1):
    m = tight_lr(C).fit(X, y)
    ref[f"logreg_binary_C{C}"] = {"coef": m.coef_.tolist(), "intercept": m.intercept_.tolist(),
                                   "log_loss": log_loss(y, m.predict_proba(X)), "n_iter": int(m.n_iter_[0])}
m = LogisticRegression().fit(X, y)
ref["logreg_binary_default_sklearn"] = {"coef": m.coef_.tolist(), "log_loss": log_loss(y, m.predict_proba(X))}

# Multinomial logistic regression
X, y = make_classification(n_samples=600, n_features=6, n_informative=4, n_classes=3, random_state=2)
df = pd.DataFrame(X, columns=[f"f{i}" for i in range(6)]); df["y"] = y
save(df, "logreg_multiclass.csv")
m = tight_lr(1.0).fit(X, y)
ref["logreg_multiclass"] = {"coef": m.coef_.tolist(), "intercept": m.intercept_.tolist(),
                            "log_loss": log_loss(y, m.predict_proba(X))}

# Linear and ridge regression on diabetes
dia = pd.read_csv(os.path.join(SHARED, "diabetes.csv"))
Xd, yd = dia.drop(columns="target").values, dia["target"].values
lin = LinearRegression().fit(Xd, yd)
rid = Ridge(alpha=1.0).fit(Xd, yd)
rid10 = Ridge(alpha=10.0).fit(Xd, yd)
ref["diabetes_linear"] = {"coef": lin.coef_.tolist(), "intercept": float(lin.intercept_)}
ref["diabetes_ridge1"] = {"coef": rid.coef_.tolist(), "intercept": float(rid.intercept_)}
ref["diabetes_ridge10"] = {"coef": rid10.coef_.tolist(), "intercept": float(rid10.intercept_)}
sc = StandardScaler().fit(Xd)
ref["diabetes_scaler"] = {"mean": sc.mean_.tolist(), "scale": sc.scale_.tolist()}

# Adult sample: one-hot + standardised numeric + logistic regression
adult = pd.read_csv(os.path.join(SHARED, "adult.csv"))
sample = adult.sample(n=3000, random_state=0).sort_index()
sample = sample.drop(columns=["fnlwgt", "education", "split"])
sample.to_csv(os.path.join(HERE, "datasets", "adult_sample.csv"), index=False)
num = ["age", "education_num", "capital_gain", "capital_loss", "hours_per_week"]
cat = ["workclass", "marital_status", "occupation", "relationship", "race", "sex", "native_country"]
ct = ColumnTransformer([("num", StandardScaler(), num),
                        ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), cat)])
pipe = make_pipeline(ct, tight_lr(1.0))
ya = (sample["income"] == ">50K").astype(int)
pipe.fit(sample[num + cat], ya)
lr = pipe[-1]
names = list(pipe[0].get_feature_names_out())
ref["adult_pipeline"] = {"feature_names": names, "coef": lr.coef_[0].tolist(), "intercept": float(lr.intercept_[0]),
                         "log_loss": log_loss(ya, pipe.predict_proba(sample[num + cat]))}
# Permutation importance of the raw input columns (accuracy, 30 repeats): ours uses another shuffle generator,
# so the tests compare means approximately.
pi = permutation_importance(pipe, sample[num + cat], ya, n_repeats=30, random_state=0, scoring="accuracy")
ref["adult_permutation_importance"] = {"columns": num + cat, "mean": pi.importances_mean.tolist(), "std": pi.importances_std.tolist()}

# Gradient boosting: rough agreement of held-out loss (not bit-exact)
X, y = make_classification(n_samples=4000, n_features=8, n_informative=5, random_state=3)
df = pd.DataFrame(X, columns=[f"f{i}" for i in range(8)]); df["y"] = y
save(df.iloc[:3000], "hgb_train.csv"); save(df.iloc[3000:], "hgb_test.csv")
h = HistGradientBoostingClassifier(random_state=0).fit(X[:3000], y[:3000])
ref["hgb_classifier"] = {"test_log_loss": log_loss(y[3000:], h.predict_proba(X[3000:])), "n_iter": int(h.n_iter_)}
Xr, yr = make_regression(n_samples=4000, n_features=8, n_informative=5, noise=10.0, random_state=4)
df = pd.DataFrame(Xr, columns=[f"f{i}" for i in range(8)]); df["y"] = yr
save(df.iloc[:3000], "hgb_reg_train.csv"); save(df.iloc[3000:], "hgb_reg_test.csv")
hr = HistGradientBoostingRegressor(random_state=0).fit(Xr[:3000], yr[:3000])
ref["hgb_regressor"] = {"test_mse": mean_squared_error(yr[3000:], hr.predict(Xr[3000:])), "n_iter": int(hr.n_iter_)}

# Multiclass gradient boosting (4 classes, labels 0-3): held-out log loss and accuracy, statistical agreement
X, y = make_classification(n_samples=4000, n_features=8, n_informative=5, n_classes=4, n_clusters_per_class=1,
                           random_state=5)
df = pd.DataFrame(X, columns=[f"f{i}" for i in range(8)]); df["y"] = y
save(df.iloc[:3000], "hgb_multi_train.csv"); save(df.iloc[3000:], "hgb_multi_test.csv")
hm = HistGradientBoostingClassifier(random_state=0).fit(X[:3000], y[:3000])
ref["hgb_multiclass"] = {"test_log_loss": log_loss(y[3000:], hm.predict_proba(X[3000:])),
                         "test_accuracy": float((hm.predict(X[3000:]) == y[3000:]).mean()),
                         "n_iter": int(hm.n_iter_), "n_trees_per_iteration": int(hm.n_trees_per_iteration_)}
hm_es = HistGradientBoostingClassifier(random_state=0, early_stopping=True).fit(X[:3000], y[:3000])
ref["hgb_multiclass_early_stopping"] = {"test_log_loss": log_loss(y[3000:], hm_es.predict_proba(X[3000:])),
                                        "n_iter": int(hm_es.n_iter_)}

# Gradient boosting with missing values (native missing bin): 25 % of f0 and f1 blanked in train and test
rng = np.random.default_rng(0)
tr = pd.read_csv(os.path.join(HERE, "hgb_train.csv")); te = pd.read_csv(os.path.join(HERE, "hgb_test.csv"))
for frame in (tr, te):
    for col in ("f0", "f1"):
        frame.loc[rng.random(len(frame)) < 0.25, col] = np.nan
save(tr, "hgb_missing_train.csv"); save(te, "hgb_missing_test.csv")
feat = [f"f{i}" for i in range(8)]
hn = HistGradientBoostingClassifier(random_state=0).fit(tr[feat], tr["y"])
ref["hgb_missing"] = {"test_log_loss": log_loss(te["y"], hn.predict_proba(te[feat])), "n_iter": int(hn.n_iter_)}

# Multinomial logistic regression on unscaled features (means ~1000, scales ~100): scikit-learn's default stop
# (tol 1e-4, max_iter 100) vs the optimum of the same objective. The optimum is found here by L-BFGS on the
# standardized change of variables (same objective, penalty on the raw coefficients) and checked against a long
# scikit-learn run.
from scipy.optimize import minimize
from scipy.special import logsumexp
X, y = make_classification(n_samples=600, n_features=6, n_informative=4, n_redundant=0, n_classes=3, random_state=2)
X = X * np.array([50.0, 80.0, 100.0, 120.0, 150.0, 200.0]) + np.array([1000.0, 800.0, 1200.0, 900.0, 1100.0, 1000.0])
df = pd.DataFrame(X, columns=[f"f{i}" for i in range(6)]); df["y"] = y
save(df, "logreg_unscaled.csv")
X = df[[f"f{i}" for i in range(6)]].values  # the values as written
n, d = X.shape; K = 3; Y = np.eye(K)[y]
mu, sd = X.mean(axis=0), X.std(axis=0)
def objective(v):
    V = v[:K * d].reshape(K, d); vb = v[K * d:]
    W = V / sd; b = vb - W @ mu
    Z = X @ W.T + b
    lse = logsumexp(Z, axis=1)
    P = np.exp(Z - lse[:, None])
    f = (lse - (Z * Y).sum(axis=1)).mean() + 0.5 * (W * W).sum() / n
    G = (P - Y).T @ X / n + W / n; gb = (P - Y).mean(axis=0)
    return f, np.concatenate([((G - gb[:, None] * mu) / sd).ravel(), gb])
opt = minimize(objective, np.zeros(K * (d + 1)), jac=True, method="L-BFGS-B",
               options={"gtol": 1e-12, "ftol": 1e-15, "maxiter": 100000})
V = opt.x[:K * d].reshape(K, d); W = V / sd; b = opt.x[K * d:] - W @ mu; b = b - b.mean()
P = np.exp(X @ W.T + b - logsumexp(X @ W.T + b, axis=1)[:, None])
default = LogisticRegression().fit(X, y)
long_run = LogisticRegression(tol=1e-12, max_iter=100000).fit(X, y)
ref["logreg_unscaled"] = {
    "coef": W.tolist(), "intercept": b.tolist(), "log_loss": log_loss(y, P),
    "sklearn_default_log_loss": log_loss(y, default.predict_proba(X)), "sklearn_default_n_iter": int(default.n_iter_[0]),
    "sklearn_default_max_rel_coef_diff": float(np.max(np.abs(default.coef_ - W) / np.abs(W))),
    "sklearn_long_log_loss": log_loss(y, long_run.predict_proba(X)), "sklearn_long_n_iter": int(long_run.n_iter_[0]),
    "sklearn_long_max_rel_coef_diff": float(np.max(np.abs(long_run.coef_ - W) / np.abs(W))),
}
# How far scikit-learn's default stop (tol 1e-4) is from the optimum on the scaled binary fixture.
Xb = pd.read_csv(os.path.join(HERE, "logreg_binary.csv"))
yb = Xb.pop("y").values
tight = tight_lr(1.0).fit(Xb.values, yb); dflt = LogisticRegression().fit(Xb.values, yb)
ref["logreg_binary_default_vs_optimum"] = {
    "max_rel_coef_diff": float(np.max(np.abs(dflt.coef_ - tight.coef_) / np.abs(tight.coef_))),
    "median_rel_coef_diff": float(np.median(np.abs(dflt.coef_ - tight.coef_) / np.abs(tight.coef_))),
    "max_abs_coef_diff_over_max_coef": float(np.max(np.abs(dflt.coef_ - tight.coef_)) / np.max(np.abs(tight.coef_))),
    "log_loss_diff": float(log_loss(yb, dflt.predict_proba(Xb.values)) - log_loss(yb, tight.predict_proba(Xb.values))),
    "n_iter": int(dflt.n_iter_[0])}

# Bike sharing: every 6th row; time split on dteday (latest half = test); HGB regressor R² on the later half
bike = pd.read_csv(os.path.join(SHARED, "bike_sharing_hourly.csv")).iloc[::6].reset_index(drop=True)
bike.to_csv(os.path.join(HERE, "datasets", "bike_sharing_sample.csv"), index=False)
order = bike.sort_values("dteday", kind="stable").index
n_test = round(0.5 * len(bike))
tr, te = bike.loc[sorted(order[:len(bike) - n_test])], bike.loc[sorted(order[len(bike) - n_test:])]
bx = [c for c in bike.columns if c not in ("instant", "dteday", "casual", "registered", "cnt")]
from sklearn.metrics import r2_score
hb = HistGradientBoostingRegressor(random_state=0).fit(tr[bx], tr["cnt"])
ref["bike_time_split_hgb"] = {"test_r2": r2_score(te["cnt"], hb.predict(te[bx])), "train_rows": len(tr), "test_rows": len(te)}

with open(os.path.join(HERE, "reference.json"), "w") as f:
    json.dump(ref, f, indent=1, sort_keys=True)
print("ok")
