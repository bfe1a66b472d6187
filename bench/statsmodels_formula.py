"""The competitor of `bench/run.sh bench-formula`: pandas reads the banks' CSV files and statsmodels' formula API fits
the weighted fractional logit (GLM binomial, var_weights, HC0), the same formula and rows as openlgd.

    /usr/bin/python3 bench/statsmodels_formula.py FILE...                 prints the fit as JSON
    /usr/bin/python3 bench/statsmodels_formula.py --compare A.json B.json  the largest relative differences
"""
import json
import sys

FORMULA = "LGD ~ ltv + log(ead) + C(collateral) + facility + senior:ltv"
USED = ["LGD", "ltv", "ead", "collateral", "facility", "senior"]


def fit(files):
    import pandas as pd
    import statsmodels.api as sm
    import statsmodels.formula.api as smf
    from numpy import log  # noqa: F401 (the formula's function)

    df = pd.concat([pd.read_csv(f) for f in files], ignore_index=True).dropna(subset=USED)
    r = smf.glm(FORMULA, df, family=sm.families.Binomial(), var_weights=df["ead"]).fit(cov_type="HC0", tol=1e-12,
                                                                                         maxiter=100)
    names = ["intercept" if n == "Intercept" else n for n in r.params.index]
    return {"n": int(r.nobs), "coefficients": dict(zip(names, r.params.tolist())),
            "standardErrors": dict(zip(names, r.bse.tolist()))}


def compare(a, b):
    out = {}
    for key in ("coefficients", "standardErrors"):
        x, y = a[key], b[key]
        if sorted(x) != sorted(y):
            raise SystemExit("different names: %s vs %s" % (sorted(x), sorted(y)))
        out[key] = max(abs(x[n] - y[n]) / max(abs(y[n]), 1e-300) for n in x)
    print("same fit: n %d and %d; largest relative difference: coefficients %.1e, standard errors %.1e"
          % (a["n"], b["n"], out["coefficients"], out["standardErrors"]))


if __name__ == "__main__":
    if sys.argv[1] == "--compare":
        with open(sys.argv[2]) as fa, open(sys.argv[3]) as fb:
            compare(json.load(fa), json.load(fb))
    else:
        json.dump(fit(sys.argv[1:]), sys.stdout)
        print()
