"""The reference timing for openlgd's fractional-logit benchmark: statsmodels GLM (binomial, logit link) with HC0
standard errors on the banks' CSV files pooled into one data set, as a statistician would fit it on pooled data.

    /usr/bin/python3 bench/statsmodels_fractional_logit.py [--runs R] FILE [FILE ...]

Loading is not timed (it is reported apart). Prints the fit times, their median, and a JSON line.
Needs numpy and statsmodels (Debian: apt-get install python3-statsmodels).
"""
import json
import statistics
import sys
import time

import numpy as np
import statsmodels
import statsmodels.api as sm

args = sys.argv[1:]
runs = 3
if args[:1] == ["--runs"]:
    runs = int(args[1])
    args = args[2:]
t0 = time.perf_counter()
parts = [np.loadtxt(f, delimiter=",", skiprows=1) for f in args]
data = np.vstack(parts)
load_s = time.perf_counter() - t0
y = data[:, 0]
X = sm.add_constant(data[:, 1:])
times = []
res = None
for _ in range(runs):
    t = time.perf_counter()
    res = sm.GLM(y, X, family=sm.families.Binomial()).fit(cov_type="HC0")
    times.append(time.perf_counter() - t)
print("statsmodels %s: %d rows x %d columns, load %.1f s (not timed), fit times %s s, median %.3f s"
      % (statsmodels.__version__, X.shape[0], X.shape[1], load_s, ["%.3f" % t for t in times], statistics.median(times)))
print(json.dumps({"benchmark": "statsmodels-fractional-logit", "rows": int(X.shape[0]), "columns": int(X.shape[1]),
                  "fitSeconds": times, "medianFitSeconds": statistics.median(times), "iterations": int(res.fit_history["iteration"]),
                  "coefficients": res.params.tolist()}))
