#!/usr/bin/env bash
# openlgd demo and helper.
#   ./run.sh [--opt ..]  build if needed, start 4 model servers (4 JVMs, HTTP ports 5001-5004) that join a
#                        Hazelcast cluster on loopback with a clustered coordinator (a 5th JVM), which discovers
#                        them and runs a 10-epoch federated estimation over the event bus; then stop every JVM it
#                        started. Options such as --json, --verbose or --model ols go to the coordinator.
#   ./run.sh http        the same over plain HTTP, no cluster (the original openLGD's set-up)
#   ./run.sh standalone  fit data/regression_data.csv locally (extra arguments are passed on)
#   ./run.sh simulate    the four banks as four servers in one JVM over the local event bus
#   ./run.sh start [xy]  start 4 HTTP model servers and leave them running (PIDs in target/run/); with "xy" all four
#                        serve data/regression_data.csv (X,Y: the layout an original openLGD client expects)
#   ./run.sh stop        stop the servers started by "start"
#   ./run.sh coordinator run the HTTP coordinator against the servers from "start" (extra arguments passed on)
#   ./run.sh bench       coordinator-time benchmark against 4 HTTP server JVMs with 100 rows each
#   ./run.sh bench-cluster  time from the first JVM's start to the clustered coordinator's first round
#   ./run.sh soak        4 server JVMs, 1,000 federated rounds back to back; heap and threads of every JVM sampled
#                        every 100 rounds; fails on a failed round or growth beyond the stated bounds
#   ./run.sh bench-fit   fractional logit, 4 servers x 1M rows x 10 features, against statsmodels on the same rows
#   ./run.sh opennpl     the original's second demo: 4 data nodes (8001-8004) serve data/bank*.csv as openNPL-style
#                        REST APIs, 4 model servers read their rows from them, the coordinator runs; then checks
#                        that federated ols over the APIs equals federated ols over the CSV files
#   ./run.sh bench-opennpl  time to load 10,000 entries from a data node
#   ./run.sh dashboard   start 4 server JVMs and the web dashboard on http://127.0.0.1:8080/ (until Ctrl-C)
#   ./run.sh report-demo regenerate examples/demo-run: a fractional-logit run of the four banks, its run record,
#                        report.html and (with chromium) report.png
#   ./run.sh test        the test suite (mvn -B verify)
# Settings (environment): OPENLGD_BASE_PORT (5000: servers on 5001..), OPENLGD_MODEL (sgd), OPENLGD_EPOCHS (10),
# OPENLGD_DATA (data: bank1.csv.. are read from it), OPENLGD_CLUSTER (cluster name; default openlgd-demo-<pid>, so
# runs never join each other), JAVA_OPTS (the server JVMs' options; default
# "-XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1": small and quick to warm up, right for the demo data; drop
# TieredStopAtLevel for large data sets, where the optimising compiler pays off).
set -euo pipefail
cd "$(dirname "$0")"

JAR=target/openlgd.jar
RUN_DIR=target/run
BASE_PORT=${OPENLGD_BASE_PORT:-5000}
MODEL=${OPENLGD_MODEL:-sgd}
EPOCHS=${OPENLGD_EPOCHS:-10}
DATA=${OPENLGD_DATA:-data}
SERVER_JVM_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1"}
CLUSTER=${OPENLGD_CLUSTER:-openlgd-demo-$$}
SERVER_EXTRA=()   # extra server options, e.g. --cluster
STARTED_PIDS=()

log() { printf '%s\n' "$*" >&2; }

build() {
  if [[ ! -f $JAR || pom.xml -nt $JAR || -n $(find src/main -newer "$JAR" -type f -print -quit) ]]; then
    log "building $JAR ..."
    mvn -B -q -DskipTests package >&2
  fi
}

# data files for the servers: $DATA/bank1.csv, bank2.csv, ...
data_files() {
  local f files=()
  for f in "$DATA"/bank*.csv; do [[ -f $f ]] && files+=("$f"); done
  if ((${#files[@]} == 0)); then log "no $DATA/bank*.csv files; run: java -jar $JAR generate --out $DATA"; exit 1; fi
  printf '%s\n' "${files[@]}" | sort -V
}

is_up() { # GET / on 127.0.0.1:$1 answers with the greeting (in a cluster: once the server is on the event bus too)
  (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && grep -q Hello <&3) 2>/dev/null
}

# start_servers FILE... : one JVM per file on ports BASE+1..; records PIDs; waits until all answer
start_servers() {
  launch_servers "$@"
  wait_servers "$#"
}

# launch_servers FILE... : one JVM per file on ports BASE+1..; records PIDs; does not wait
launch_servers() {
  mkdir -p "$RUN_DIR"
  local i=0 f port pid
  for f in "$@"; do
    i=$((i + 1)); port=$((BASE_PORT + i))
    if is_up "$port"; then log "port $port is already serving; stop it first (./run.sh stop)"; return 1; fi
    # shellcheck disable=SC2086
    java $SERVER_JVM_OPTS -jar "$JAR" server --port "$port" --id "$i" --data "$f" --model "$MODEL" ${SERVER_EXTRA[@]+"${SERVER_EXTRA[@]}"} \
      >"$RUN_DIR/server-$port.log" 2>&1 &
    pid=$!
    STARTED_PIDS+=("$pid")
    echo "$pid" >"$RUN_DIR/server-$port.pid"
  done
}

# wait_servers N : until servers 1..N answer GET / (60 s at most); fails early if one exits
wait_servers() {
  local deadline=$((SECONDS + 60)) n=$1 i port pid
  for ((i = 1; i <= n; i++)); do
    port=$((BASE_PORT + i)); pid=$(cat "$RUN_DIR/server-$port.pid")
    until is_up "$port"; do
      if ! kill -0 "$pid" 2>/dev/null; then log "server on port $port exited:"; cat "$RUN_DIR/server-$port.log" >&2; return 1; fi
      if ((SECONDS > deadline)); then log "server on port $port not up after 60 s"; return 1; fi
      sleep 0.1
    done
  done
}

server_urls() {
  local i urls=()
  for ((i = 1; i <= $1; i++)); do urls+=("http://127.0.0.1:$((BASE_PORT + i))"); done
  (IFS=,; echo "${urls[*]}")
}

stop_pids() {
  local pid
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "$@"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}

cleanup() {
  if ((${#STARTED_PIDS[@]})); then stop_pids "${STARTED_PIDS[@]}"; fi
  rm -f "$RUN_DIR"/server-*.pid
}

stop_recorded() {
  local f pids=()
  for f in "$RUN_DIR"/server-*.pid; do [[ -f $f ]] && pids+=("$(cat "$f")"); done
  if ((${#pids[@]})); then stop_pids "${pids[@]}"; log "stopped ${#pids[@]} server(s)"; else log "no servers recorded in $RUN_DIR"; fi
  rm -f "$RUN_DIR"/server-*.pid
}

# cluster_run ARGS...: 4 clustered server JVMs and a clustered coordinator JVM (ARGS go to the coordinator)
cluster_run() {
  mapfile -t files < <(data_files)
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  log "starting ${#files[@]} model servers (one JVM each, HTTP ports $((BASE_PORT + 1))-$((BASE_PORT + ${#files[@]}))) in cluster '$CLUSTER' ..."
  SERVER_EXTRA=(--cluster --cluster-name "$CLUSTER")
  launch_servers "${files[@]}"
  log "starting the coordinator (a 5th JVM) at once: it waits for the servers to appear on the event bus ..."
  if ! java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$JAR" coordinator --cluster --cluster-name "$CLUSTER" \
    --min-servers "${#files[@]}" --wait-seconds 60 --model "$MODEL" --epochs "$EPOCHS" "$@"; then
    local f
    for f in "$RUN_DIR"/server-*.pid; do
      kill -0 "$(cat "$f")" 2>/dev/null || { log "server ${f##*/server-} exited:"; tail -n 5 "${f%.pid}.log" >&2; }
    done
    return 1
  fi
}

cmd=demo
if [[ $# -gt 0 && $1 != -* ]]; then cmd=$1; shift; fi
case $cmd in
  demo)
    build
    cluster_run "$@"
    ;;
  http)
    build
    mapfile -t files < <(data_files)
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    log "starting ${#files[@]} model servers (one JVM each) on ports $((BASE_PORT + 1))-$((BASE_PORT + ${#files[@]})) ..."
    start_servers "${files[@]}"
    java -jar "$JAR" coordinator --servers "$(server_urls ${#files[@]})" --model "$MODEL" --epochs "$EPOCHS" "$@"
    ;;
  simulate)
    build
    mapfile -t files < <(data_files)
    args=()
    for f in "${files[@]}"; do args+=(--data "$f"); done
    java -jar "$JAR" simulate "${args[@]}" --model "$MODEL" --epochs "$EPOCHS" "$@"
    ;;
  bench-cluster)
    build
    mkdir -p "$RUN_DIR"
    result="$RUN_DIR/bench-cluster.json"
    t0=$(date +%s%3N)
    cluster_run --json "$@" >"$result"
    first=$(grep -o '"firstRoundAtMs":[0-9]*' "$result" | cut -d: -f2)
    [[ -n $first ]] || { log "no result from the coordinator"; exit 1; }
    printf 'cluster of 4 server JVMs + 1 coordinator JVM: first JVM start -> coordinator first round: %.2f s\n' \
      "$(awk -v a="$t0" -v b="$first" 'BEGIN { print (b - a) / 1000 }')"
    tail -n 1 "$result"
    ;;
  standalone)
    build
    java -jar "$JAR" standalone --data "$DATA/regression_data.csv" --epochs "$EPOCHS" "$@"
    ;;
  start)
    build
    if [[ ${1:-} == xy ]]; then
      files=("$DATA/regression_data.csv" "$DATA/regression_data.csv" "$DATA/regression_data.csv" "$DATA/regression_data.csv")
    else
      mapfile -t files < <(data_files)
    fi
    trap 'rc=$?; if ((rc)); then cleanup; fi' EXIT
    start_servers "${files[@]}"
    log "model servers up: $(server_urls ${#files[@]}) (stop with ./run.sh stop)"
    ;;
  stop)
    stop_recorded
    ;;
  coordinator)
    build
    n=$(ls "$RUN_DIR"/server-*.pid 2>/dev/null | wc -l)
    ((n > 0)) || { log "no servers started with ./run.sh start"; exit 1; }
    java -jar "$JAR" coordinator --servers "$(server_urls "$n")" --model "$MODEL" --epochs "$EPOCHS" "$@"
    ;;
  bench)
    build
    tmp=$(mktemp -d)
    trap 'cleanup; rm -rf "$tmp"' EXIT
    trap 'exit 130' INT TERM
    java -jar "$JAR" generate --out "$tmp" --servers 4 --rows 100 >/dev/null
    for f in "$tmp"/bank*.csv; do head -n 101 "$f" >"$f.100" && mv "$f.100" "$f"; done
    mapfile -t files < <(printf '%s\n' "$tmp"/bank*.csv | sort -V)
    start_servers "${files[@]}"
    log "4 server JVMs up; warming up and measuring (about a minute) ..."
    java -XX:+UseSerialGC -jar "$JAR" bench --urls "$(server_urls ${#files[@]})" --model "$MODEL" --epochs "$EPOCHS" "$@"
    ;;
  dashboard)
    build
    mapfile -t files < <(data_files)
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    start_servers "${files[@]}"
    log "servers up; dashboard on http://127.0.0.1:${OPENLGD_DASHBOARD_PORT:-8080}/ (Ctrl-C stops everything)"
    java -jar "$JAR" dashboard --port "${OPENLGD_DASHBOARD_PORT:-8080}" --servers "$(server_urls ${#files[@]})" "$@"
    ;;
  report-demo)
    build
    mapfile -t files < <(data_files)
    args=()
    for f in "${files[@]}"; do args+=(--data "$f"); done
    rm -rf target/demo-runs
    java -jar "$JAR" simulate "${args[@]}" --model fractional-logit --runs-dir target/demo-runs >/dev/null
    rm -rf examples/demo-run && mkdir -p examples/demo-run
    cp target/demo-runs/*/manifest.json target/demo-runs/*/rounds.jsonl target/demo-runs/*/result.json examples/demo-run/
    java -jar "$JAR" report --run examples/demo-run
    if command -v chromium >/dev/null; then
      chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,2000 \
        --screenshot="$PWD/examples/demo-run/report.png" "file://$PWD/examples/demo-run/report.html" 2>/dev/null
    fi
    ls -l examples/demo-run >&2
    ;;
  soak)
    build
    mapfile -t files < <(data_files)
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    start_servers "${files[@]}"
    log "${#files[@]} server JVMs up; soaking (1,000 rounds, about a minute) ..."
    java -XX:+UseSerialGC -jar "$JAR" soak --urls "$(server_urls ${#files[@]})" \
      --pids "$(IFS=,; echo "${STARTED_PIDS[*]}")" --model "$MODEL" "$@"
    ;;
  bench-fit)
    # fractional logit on 4 servers x 1,000,000 rows (average) x 10 features, against statsmodels on the same rows
    build
    dir=target/bench-fit
    if [[ ! -f $dir/bank4.csv ]]; then
      log "generating 4 banks x 1,000,000 rows (average) x 10 features in $dir ..."
      java -jar "$JAR" generate --out "$dir" --servers 4 --rows 1000000 --noise 6 >/dev/null
    fi
    java -Xmx3g -XX:+UseParallelGC -jar "$JAR" bench --transport eventbus --model fractional-logit \
      --data "$dir/bank1.csv" --data "$dir/bank2.csv" --data "$dir/bank3.csv" --data "$dir/bank4.csv" \
      --runs 5 --warmup 1 "$@" | tee "$dir/openlgd.txt"
    if /usr/bin/python3 -c 'import statsmodels' 2>/dev/null; then
      log "statsmodels on the same rows pooled (loading them takes a minute) ..."
      /usr/bin/python3 bench/statsmodels_fractional_logit.py --runs 3 "$dir"/bank[1-4].csv | tee "$dir/statsmodels.txt"
      ours=$(grep -o '"medianRunMs":[0-9.]*' "$dir/openlgd.txt" | cut -d: -f2)
      theirs=$(grep -o '"medianFitSeconds": [0-9.]*' "$dir/statsmodels.txt" | cut -d' ' -f2)
      awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "openlgd federated fit %.2f s vs statsmodels pooled fit %.2f s: ratio %.3f (1/%.1f)\n", a / 1000, b, a / 1000 / b, b * 1000 / a }'
    else
      log "statsmodels is not installed (Debian: apt-get install python3-statsmodels); no comparison"
    fi
    ;;
  opennpl)
    build
    mapfile -t files < <(data_files)
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    mkdir -p "$RUN_DIR"
    log "starting ${#files[@]} data nodes (openNPL-style APIs) on ports 8001-$((8000 + ${#files[@]})) ..."
    i=0
    for f in "${files[@]}"; do
      i=$((i + 1))
      java $SERVER_JVM_OPTS -jar "$JAR" datanode --port $((8000 + i)) --data "$f" >"$RUN_DIR/datanode-$((8000 + i)).log" 2>&1 &
      STARTED_PIDS+=("$!")
    done
    for ((i = 1; i <= ${#files[@]}; i++)); do
      until (exec 3<>"/dev/tcp/127.0.0.1/$((8000 + i))") 2>/dev/null; do sleep 0.1; done
    done
    header=$(head -n 1 "${files[0]}")
    target=${header%%,*}
    features=${header#*,}
    urls=()
    for ((i = 1; i <= ${#files[@]}; i++)); do urls+=("http://127.0.0.1:$((8000 + i))"); done
    log "starting ${#files[@]} model servers reading from them ..."
    SERVER_EXTRA=(--target "$target" --features "$features")
    start_servers "${urls[@]}"
    java -jar "$JAR" coordinator --servers "$(server_urls ${#files[@]})" --model "$MODEL" --epochs "$EPOCHS" "$@"
    api=$(java -jar "$JAR" coordinator --servers "$(server_urls ${#files[@]})" --model ols --json | tail -n 1)
    sim=()
    for f in "${files[@]}"; do sim+=(--data "$f"); done
    csv=$(java -jar "$JAR" simulate "${sim[@]}" --model ols --json 2>/dev/null | tail -n 1)
    a=$(grep -o '"coefficients":{[^}]*}' <<<"$api")
    b=$(grep -o '"coefficients":{[^}]*}' <<<"$csv")
    if [[ $a == "$b" ]]; then
      echo "check: federated ols over the openNPL APIs equals federated ols over the CSV files, digit for digit: $a"
    else
      echo "check FAILED: ols over the APIs $a differs from ols over the CSV files $b" >&2
      exit 1
    fi
    ;;
  bench-opennpl)
    build
    tmp=$(mktemp -d)
    trap 'cleanup; rm -rf "$tmp"' EXIT
    trap 'exit 130' INT TERM
    java -jar "$JAR" generate --out "$tmp" --servers 1 --rows 10000 >/dev/null
    java $SERVER_JVM_OPTS -jar "$JAR" datanode --port 8001 --data "$tmp/bank1.csv" \
      --fields LGD=cash_and_cash_equivalent_items,ltv=current_assets >"$tmp/datanode.log" 2>&1 &
    STARTED_PIDS+=("$!")
    until (exec 3<>/dev/tcp/127.0.0.1/8001) 2>/dev/null; do sleep 0.1; done
    args=()
    for _ in 1 2 3 4 5 6; do args+=(--data http://127.0.0.1:8001); done
    java -jar "$JAR" bench --transport eventbus --model ols --runs 1 --warmup 0 "${args[@]}" "$@" | grep '^load' | tee "$tmp/loads.txt"
    grep -o ' in [0-9.]* s' "$tmp/loads.txt" | awk '{ print $2 }' | sort -n | awk '{ t[NR] = $1 } END {
      m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      printf "10,000 entries from a data node (concurrency 16), %d loads in a row, the first with cold JVMs: median %.3f s\n", NR, m }'
    ;;
  test)
    mvn -B verify "$@"
    ;;
  *)
    awk 'NR > 1 && /^#/ { print } /^set / { exit }' "$0" >&2
    exit 2
    ;;
esac
