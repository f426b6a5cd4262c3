#!/usr/bin/env bash
# Drift benchmark: SciPy ks_2samp + NumPy PSI versus MLMetrics (driftbench), 20 features of 1,000,000 vs
# 1,000,000 values, same input bytes on both sides. Prints medians, ratios and the largest differences
# between the two sides' results. Usage: Benchmarks/drift/compare.sh [REPEATS] (default 5).
# Needs a Python with numpy and scipy: set PYTHON (default: python3).
set -euo pipefail
repeats="${1:-5}"
python="${PYTHON:-python3}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="$(mktemp -d /tmp/driftbench.XXXXXX)"
trap 'rm -rf "$data"' EXIT

echo "generating 20 x (1M vs 1M) float64 features in $data" >&2
"$python" "$root/Benchmarks/drift/drift_numpy.py" generate "$data"
echo "building driftbench (release)" >&2
(cd "$root" && swift build -c release --product driftbench >&2)
bench="$(cd "$root" && swift build -c release --show-bin-path)/driftbench"

# Alternate the two sides so both see the same machine load.
py_runs=(); sw_runs=()
for round in 1 2; do
  py_runs+=("$("$python" "$root/Benchmarks/drift/drift_numpy.py" run "$data" --repeats "$repeats")")
  sw_runs+=("$("$bench" --data "$data" --repeats "$repeats")")
done

"$python" - "$repeats" "${py_runs[@]}" "${sw_runs[@]}" <<'PY'
import json, statistics, sys, os
repeats = int(sys.argv[1])
runs = [json.loads(x) for x in sys.argv[2:]]
py, sw = runs[:len(runs)//2], runs[len(runs)//2:]
def med(key, side):
    return statistics.median([t for r in side for t in r[key]])
py_ks, py_psi = med("ks_seconds", py), med("psi_seconds", py)
py_total = statistics.median([k + p for r in py for k, p in zip(r["ks_seconds"], r["psi_seconds"])])
sw_total, sw_ks = med("ks_psi_seconds", sw), med("ks_seconds", sw)
last_py, last_sw = py[-1], sw[-1]
dd = max(abs(a - b) for a, b in zip(last_py["ks_statistic"], last_sw["ks_statistic"]))
dp = max(abs(a - b) for a, b in zip(last_py["ks_pvalue"], last_sw["ks_pvalue"]))
dpsi = max(abs(a - b) for a, b in zip(last_py["psi"], last_sw["psi"]))
print(f"machine: {os.cpu_count()} cores (shared with other jobs); {2 * repeats} timed runs per side, medians")
print(f"scipy ks_2samp, 20 features:           {py_ks:.3f} s")
print(f"numpy PSI, 20 features:                {py_psi:.3f} s")
print(f"scipy + numpy (KS + PSI):              {py_total:.3f} s")
print(f"MLMetrics KS only ({last_sw['cores']} cores):          {sw_ks:.3f} s   ratio {sw_ks / py_ks:.3f}x of scipy KS")
print(f"MLMetrics KS + PSI ({last_sw['cores']} cores):         {sw_total:.3f} s   ratio {sw_total / py_total:.3f}x of scipy+numpy (goal <= 0.5x)")
print(f"max |D diff| {dd:.3g}, max |p diff| {dp:.3g}, max |PSI diff| {dpsi:.3g}")
PY
