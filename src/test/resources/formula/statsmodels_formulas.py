"""Reference fits for openlgd's formula tests, by patsy and statsmodels' formula API (independent implementations).

Run from the repository root with Debian's python3-statsmodels (0.13.5, patsy 0.5.3 when the fixture was made):
    /usr/bin/python3 src/test/resources/formula/statsmodels_formulas.py > src/test/resources/formula/statsmodels_formulas.json
Data: the four banks of data/categorical/ (openlgd generate --categorical --missing-share 0.05) stacked, read by
pandas (empty cells are missing). Rows missing any variable a model uses are dropped, as R's na.omit and patsy do,
before the fit, so that weights line up. It records:
  - "names": the design column names patsy gives each formula of NAME_FORMULAS;
  - "fits": for the formula FORMULA with weights ead, weighted least squares (WLS), the fractional logit (GLM
    binomial, var_weights, HC0) and the two logistic stages (GLM binomial, var_weights, model standard errors);
    and FORMULA unweighted by OLS; and FORMULA + C(bank) by WLS (bank fixed effects);
  - "noIntercept": models without an intercept: NO_INTERCEPT (cell means of collateral) by WLS, the weighted
    fractional logit (HC0) and the weighted cure logit, and THROUGH_ORIGIN (no categorical) by OLS.
"""
import json
import sys

import numpy as np
import pandas as pd
import patsy
import statsmodels
import statsmodels.api as sm
import statsmodels.formula.api as smf
from numpy import abs, exp, log, log1p, sqrt  # noqa: F401 (the formulas' functions)

frames = []
for k in range(1, 5):
    f = pd.read_csv("data/categorical/bank%d.csv" % k)
    f["bank"] = k
    frames.append(f)
df = pd.concat(frames, ignore_index=True)

FORMULA = ("LGD ~ ltv + log(ead) + C(collateral) + C(facility, Treatment(reference='term_loan'))"
           " + senior:ltv + I(ltv ** 2)")
USED = ["LGD", "ltv", "ead", "collateral", "facility", "senior"]
NO_INTERCEPT = "LGD ~ C(collateral) + facility + ltv + log(ead) - 1"
THROUGH_ORIGIN = "LGD ~ 0 + ltv + log(ead) + senior:ltv"

NAME_FORMULAS = [
    FORMULA,
    "LGD ~ ltv + log(ead) + C(collateral) + senior:ltv",
    "LGD ~ collateral * facility",
    "LGD ~ ltv:collateral + facility:ltv:senior",
    "LGD ~ collateral:facility",
    "LGD ~ C(months_in_default > 12) + I(ltv > 1) + ltv * log1p(ead)",
    "LGD ~ (ltv + sqrt(ead) + senior) ** 2",
    "LGD ~ collateral / ltv",
    "LGD ~ np.log(ead) + I(collateral == 'cash') + exp(-ltv) + abs(ltv - 1)",
    "LGD ~ senior:collateral + collateral",
    "LGD ~ ltv:ead + collateral:ead + collateral + ead",
    "LGD ~ C(senior) + C(collateral, Treatment('none')) + I(-ltv) + I((ltv + 1) / 2)",
    "LGD ~ ltv + senior + ead - senior + facility",
]


def fit(kind, formula, data, weights):
    w = data["ead"] if weights else None
    if kind == "ols":
        r = smf.wls(formula, data, weights=w).fit() if weights else smf.ols(formula, data).fit()
    elif kind == "fractional-logit":
        r = smf.glm(formula, data, family=sm.families.Binomial(), var_weights=w).fit(cov_type="HC0", tol=1e-14, maxiter=100)
    else:
        r = smf.glm(formula, data, family=sm.families.Binomial(), var_weights=w).fit(tol=1e-14, maxiter=100)
    return {"names": list(r.params.index), "coefficients": r.params.tolist(), "standardErrors": r.bse.tolist(),
            "n": int(r.nobs)}


complete = df.dropna(subset=USED).copy()
complete["cure"] = (complete["LGD"] == 0).astype(float)
complete["total_loss"] = (complete["LGD"] == 1).astype(float)
uncured = complete[complete["LGD"] > 0]
rhs = FORMULA.split("~", 1)[1]
fits = {
    "ols": fit("ols", FORMULA, complete, True),
    "ols-unweighted": fit("ols", FORMULA, complete, False),
    "fractional-logit": fit("fractional-logit", FORMULA, complete, True),
    "cure-logit": fit("logit", "cure ~" + rhs, complete, True),
    "total-loss-logit": fit("logit", "total_loss ~" + rhs, uncured, True),
    "ols-bank-effects": fit("ols", FORMULA + " + C(bank)", complete, True),
}
no_intercept = {
    "ols": fit("ols", NO_INTERCEPT, complete, True),
    "fractional-logit": fit("fractional-logit", NO_INTERCEPT, complete, True),
    "cure-logit": fit("logit", "cure ~" + NO_INTERCEPT.split("~", 1)[1], complete, True),
    "ols-through-origin": fit("ols", THROUGH_ORIGIN, df.dropna(subset=["LGD", "ltv", "ead", "senior"]), False),
}
no_intercept["ols-through-origin"]["rSquared"] = float(
    smf.ols(THROUGH_ORIGIN, df.dropna(subset=["LGD", "ltv", "ead", "senior"])).fit().rsquared)
names = {f: patsy.dmatrices(f, df, return_type="dataframe")[1].columns.tolist() for f in NAME_FORMULAS}

json.dump({
    "tool": "statsmodels %s, patsy %s, pandas %s, numpy %s, python %s" % (statsmodels.__version__, patsy.__version__,
                                                                          pd.__version__, np.__version__,
                                                                          sys.version.split()[0]),
    "data": ["data/categorical/bank%d.csv" % k for k in range(1, 5)],
    "formula": FORMULA,
    "weights": "ead",
    "rows": int(len(df)),
    "complete": int(len(complete)),
    "fits": fits,
    "noIntercept": {"formula": NO_INTERCEPT, "throughOrigin": THROUGH_ORIGIN, "fits": no_intercept},
    "names": names,
}, sys.stdout, indent=1)
print()
