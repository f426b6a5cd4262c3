"""The SciPy/NumPy side of the drift benchmark.

    python drift_numpy.py generate DIR [--features 20] [--rows 1000000]
        writes DIR/ref_<i>.f64 and DIR/cur_<i>.f64 (raw little-endian float64), the inputs both sides read;
    python drift_numpy.py run DIR [--features 20] [--repeats 5]
        times scipy.stats.ks_2samp (method 'auto': asymptotic at this size) and a NumPy PSI (10
        reference-quantile bins, shares clipped at 1e-4) on every feature; prints one JSON object.
"""
import argparse
import json
import time

import numpy as np
from scipy import stats


def psi(ref, cur, bins=10, eps=1e-4):
    inner = np.quantile(ref, np.linspace(0, 1, bins + 1)[1:-1])
    p = np.bincount(np.searchsorted(inner, ref, side="right"), minlength=bins) / len(ref)
    q = np.bincount(np.searchsorted(inner, cur, side="right"), minlength=bins) / len(cur)
    p, q = np.clip(p, eps, None), np.clip(q, eps, None)
    return float(np.sum((q - p) * np.log(q / p)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["generate", "run"])
    ap.add_argument("dir")
    ap.add_argument("--features", type=int, default=20)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=5)
    a = ap.parse_args()
    if a.mode == "generate":
        rng = np.random.default_rng(0)
        for i in range(a.features):
            rng.normal(0, 1, a.rows).astype("<f8").tofile(f"{a.dir}/ref_{i}.f64")
            rng.normal(0.05, 1.1, a.rows).astype("<f8").tofile(f"{a.dir}/cur_{i}.f64")
        return
    refs = [np.fromfile(f"{a.dir}/ref_{i}.f64", dtype="<f8") for i in range(a.features)]
    curs = [np.fromfile(f"{a.dir}/cur_{i}.f64", dtype="<f8") for i in range(a.features)]
    ks_times, psi_times = [], []
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        ks = [stats.ks_2samp(r, c) for r, c in zip(refs, curs)]
        t1 = time.perf_counter()
        ps = [psi(r, c) for r, c in zip(refs, curs)]
        t2 = time.perf_counter()
        ks_times.append(t1 - t0)
        psi_times.append(t2 - t1)
    print(json.dumps({
        "ks_seconds": ks_times, "psi_seconds": psi_times,
        "ks_median": float(np.median(ks_times)), "psi_median": float(np.median(psi_times)),
        "ks_psi_median": float(np.median(np.array(ks_times) + np.array(psi_times))),
        "ks_statistic": [float(k.statistic) for k in ks], "ks_pvalue": [float(k.pvalue) for k in ks], "psi": ps,
    }))


if __name__ == "__main__":
    main()
