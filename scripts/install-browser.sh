#!/usr/bin/env bash
# Installs Debian's chromium for the dashboard's browser test (DashboardBrowserIT), if it is not there yet.
# Needs root, or sudo without a password. Safe to run again.
set -euo pipefail
for b in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
  if [[ -x $b ]]; then
    echo "browser present: $b" >&2
    exit 0
  fi
done
sudo=()
if ((EUID != 0)); then sudo=(sudo -n); fi
echo "installing chromium (apt-get) for the browser test ..." >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "browser installed: $(command -v chromium)" >&2
