"""An independent check of two fractional-logit fits on the same pooled rows: at each fit's coefficients, the score
X'(y - mu) of the Bernoulli quasi-likelihood (zero at the estimate) and the quasi-log-likelihood itself, with numpy.

    /usr/bin/python3 bench/score_check.py OPENLGD_JSON STATSMODELS_JSON FILE [FILE ...]

Each JSON holds "coefficients" by name ("intercept" or statsmodels' "const" for the constant); the first CSV column
is the target, the others the features.
"""
import json
import sys

import numpy as np
import pandas as pd


def coefficients(path):
    for line in reversed(open(path).read().splitlines()):
        if line.strip().startswith("{") and "coefficients" in line:
            c = json.loads(line)["coefficients"]
            return {("intercept" if k == "const" else k): v for k, v in c.items()}
    sys.exit("no coefficients in %s" % path)


data = pd.concat([pd.read_csv(f) for f in sys.argv[3:]], ignore_index=True)
y = data.iloc[:, 0].to_numpy()
X = np.column_stack([np.ones(len(data)), data.iloc[:, 1:].to_numpy()])
names = ["intercept"] + list(data.columns[1:])
for label, path in (("openlgd", sys.argv[1]), ("statsmodels", sys.argv[2])):
    c = coefficients(path)
    b = np.array([c[n] for n in names])
    mu = 1 / (1 + np.exp(-(X @ b)))
    score = X.T @ (y - mu)
    print("%-12s largest |score| %.3g, quasi-log-likelihood %.6f"
          % (label, np.abs(score).max(), np.sum(y * np.log(mu) + (1 - y) * np.log1p(-mu))))
