#!/usr/bin/env bash
# Installs what the integration tests use besides Java, from Debian's packages, if it is not there yet: chromium for
# the dashboard's browser test (DashboardBrowserIT), the Python packages the original openLGD needs for the
# interoperability tests (OriginalInteropIT), and PostgreSQL's server binaries for the database source's tests
# (PostgresIT, which makes, starts and removes its own cluster on loopback; no service is used), and R's haven for the
# SAS source's test (SasIT: a SAS-written example file and the oracle that reads it). Needs root, or sudo without a password; safe to run again. On failure it
# prints the command to run and exits non-zero.
set -euo pipefail
PY=/usr/bin/python3
PY_PACKAGES=(python3-flask python3-sklearn python3-pandas python3-requests python3-ruamel.yaml)
missing=()
browser=""
for b in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  [[ -x $b ]] && browser=$b && break
done
[[ -z $browser ]] && missing+=(chromium)
if ! [[ -x $PY ]] || ! $PY -c 'import flask, sklearn, pandas, requests, ruamel.yaml' 2>/dev/null; then
  missing+=("${PY_PACKAGES[@]}")
fi
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  missing+=(postgresql)
fi
# PostgresIT makes the database's TLS certificates with it
command -v openssl >/dev/null || missing+=(openssl)
# SasIT: R's haven holds a SAS-written data set (its example iris.sas7bdat) and is the oracle that reads it
if ! { command -v Rscript >/dev/null && Rscript -e 'library(haven)' >/dev/null 2>&1; }; then
  missing+=(r-cran-haven)
fi
if ((${#missing[@]} == 0)); then
  echo "test dependencies present: $browser, $PY with flask, sklearn, pandas, requests, ruamel.yaml, PostgreSQL, openssl, R's haven" >&2
  exit 0
fi
sudo=()
if ((EUID != 0)); then sudo=(sudo -n); fi
echo "installing ${missing[*]} (apt-get) for the integration tests ..." >&2
if ! { "${sudo[@]}" apt-get update -qq &&
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
  echo "could not install them; run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installed: ${missing[*]}" >&2
