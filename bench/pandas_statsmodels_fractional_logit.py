"""The reference for openlgd's whole-process fractional-logit benchmark: what a statistician runs on pooled data,
from the CSV files to the result. pandas reads the banks' files (its C parser) and concatenates them; statsmodels
fits the GLM (binomial family, logit link) with HC0 standard errors, as openlgd's fractional logit does.

    /usr/bin/python3 bench/pandas_statsmodels_fractional_logit.py FILE [FILE ...]

Prints the load and fit times and the coefficients as one JSON line (the whole process is timed by the caller).
Needs pandas and statsmodels (Debian: apt-get install python3-pandas python3-statsmodels).
"""
import json
import sys
import time

import pandas as pd
import statsmodels.api as sm

t0 = time.perf_counter()
data = pd.concat([pd.read_csv(f) for f in sys.argv[1:]], ignore_index=True)
t1 = time.perf_counter()
y = data.iloc[:, 0]
X = sm.add_constant(data.iloc[:, 1:])
res = sm.GLM(y, X, family=sm.families.Binomial()).fit(cov_type="HC0")
t2 = time.perf_counter()
print(json.dumps({"benchmark": "pandas-statsmodels-fractional-logit", "rows": int(X.shape[0]),
                  "columns": int(X.shape[1]), "loadSeconds": t1 - t0, "fitSeconds": t2 - t1,
                  "iterations": int(res.fit_history["iteration"]), "converged": bool(res.converged),
                  "deviance": float(res.deviance),
                  "coefficients": dict(zip(X.columns, res.params.tolist()))}))
