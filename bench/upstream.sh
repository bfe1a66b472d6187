#!/usr/bin/env bash
# ./run.sh bench-upstream: the original openLGD's demo, side by side, as whole processes. The original's 4 Flask model
# servers (ports 5001-5004, as its config.yml says) and 4 openlgd server JVMs (ports 6001-6004) serve the same files,
# the original's server_dirs/X/regression_data.csv (100 rows each). Then, alternately, the original's coordinator
# (python3 federated_run.py, in its folder) and openlgd's (bin/openlgd coordinator, 10 epochs) run to the end, each a
# fresh process; 2 warm-up pairs, then OPENLGD_BENCH_RUNS pairs (10) are timed. Prints each pair, both medians and
# their ratio; every server started is stopped by PID at the end. OPENLGD_BENCH_BASELINE=JAR adds a third process to each
# round: that jar (an older build) run by today's bin/openlgd (OPENLGD_JAR=JAR, its own start-up archive next to it),
# or, with OPENLGD_BENCH_BASELINE_RUN=java, as "java -jar JAR" (as builds before the launcher were run), against the
# same servers. JAVA_OPTS, as in run.sh, are the server JVMs' options; the coordinators run without them.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/servers.sh
source scripts/servers.sh
# shellcheck source=../scripts/upstream.sh
source scripts/upstream.sh
PY=/usr/bin/python3
RUNS=${OPENLGD_BENCH_RUNS:-10}
WARMUP=2
BASE_PORT=6000
MODEL=sgd

up=$(upstream_dir) || { log "the original openLGD is not there: put it in ../shared/upstream/openLGD (or set OPENLGD_UPSTREAM)"; exit 1; }
if ! $PY -c 'import flask, sklearn, pandas, requests, ruamel.yaml' 2>/dev/null; then
  log "the original openLGD needs Debian's Python packages: apt-get install python3-flask python3-sklearn python3-pandas python3-requests python3-ruamel.yaml (scripts/install-test-deps.sh installs them)"
  exit 1
fi
for i in 1 2 3 4; do
  if is_up $((5000 + i)) || is_up $((BASE_PORT + i)); then log "port $((5000 + i)) or $((BASE_PORT + i)) is already serving; stop it first"; exit 1; fi
done
build
stop_on_exit
mkdir -p "$RUN_DIR"
log "starting the original's 4 Flask servers (5001-5004) and 4 openlgd server JVMs (6001-6004) on its server_dirs ..."
for i in 1 2 3 4; do
  (cd "$up" && FLASK_APP=model_server.py PYTHONPATH=. exec $PY -m flask run --host 127.0.0.1 --port $((5000 + i))) \
    >"$RUN_DIR/original-$((5000 + i)).log" 2>&1 &
  STARTED_PIDS+=("$!")
done
files=()
for i in 1 2 3 4; do files+=("$up/server_dirs/$i/regression_data.csv"); done
start_servers "${files[@]}"
deadline=$((SECONDS + 60))
for i in 1 2 3 4; do
  until is_up $((5000 + i)); do
    if ((SECONDS > deadline)); then log "the original's server on port $((5000 + i)) is not up:"; cat "$RUN_DIR/original-$((5000 + i)).log" >&2; exit 1; fi
    sleep 0.1
  done
done

args=(coordinator --servers "$(server_urls 4)" --epochs 10 --runs-dir target/bench-upstream-runs --json)
ours=(env -u JAVA_OPTS bin/openlgd "${args[@]}")
baseline=${OPENLGD_BENCH_BASELINE:-}
base=(env -u JAVA_OPTS OPENLGD_JAR="$baseline" bin/openlgd)
[[ ${OPENLGD_BENCH_BASELINE_RUN:-launcher} == java ]] && base=(env -u JAVA_OPTS java -jar "$baseline")
times=target/bench-upstream.txt
: >"$times"
now() { date +%s%N; }
for ((k = 1; k <= WARMUP + RUNS; k++)); do
  t0=$(now)
  (cd "$up" && $PY federated_run.py >/dev/null)
  t1=$(now)
  "${ours[@]}" >/dev/null 2>"$RUN_DIR/bench-upstream-ours.err" || { cat "$RUN_DIR/bench-upstream-ours.err" >&2; exit 1; }
  t2=$(now)
  if [[ -n $baseline ]]; then "${base[@]}" "${args[@]}" >/dev/null 2>&1; fi
  t3=$(now)
  if ((k > WARMUP)); then
    printf 'original %d\nopenlgd %d\n' $(((t1 - t0) / 1000000)) $(((t2 - t1) / 1000000)) | tee -a "$times"
    if [[ -n $baseline ]]; then printf 'baseline %d\n' $(((t3 - t2) / 1000000)) | tee -a "$times"; fi
  fi
done
$PY bench/summary.py alternating "$times" original openlgd ${baseline:+baseline}
