#!/usr/bin/env bash
# openlgd demos: start, stop and demonstrate; the checks live in the tests, the benchmarks in bench/run.sh.
#   ./run.sh [--opt ..]  build if needed, start 4 model servers (4 JVMs, HTTP ports 5001-5004) that join a Hazelcast
#                        cluster on loopback with a clustered coordinator (a 5th JVM), which discovers them and runs a
#                        10-epoch federated estimation over the event bus; then stop every JVM it started. Options such
#                        as --json, --verbose or --model ols go to the coordinator.
#   ./run.sh http        the same over plain HTTP, no cluster (the original openLGD's set-up)
#   ./run.sh standalone  fit data/regression_data.csv locally (extra arguments are passed on)
#   ./run.sh simulate    the four banks as four servers in one JVM over the local event bus
#   ./run.sh start [xy]  start 4 HTTP model servers and leave them running (PIDs in target/run/); with "xy" all four
#                        serve data/regression_data.csv (X,Y: the layout an original openLGD client expects)
#   ./run.sh stop        stop the servers started by "start"
#   ./run.sh coordinator run the HTTP coordinator against the servers from "start" (extra arguments passed on)
#   ./run.sh opennpl     the original's second demo: 4 data nodes (8001-8004) serve data/bank*.csv as openNPL-style
#                        REST APIs, 4 model servers read their rows from them, the coordinator runs
#   ./run.sh postgres    start a PostgreSQL server on loopback (Debian's postgresql; run as the postgres user), load
#                        data/bank*.csv into four databases, start 4 model servers that read them with a query, run the
#                        coordinator, check that the result is the CSV run's digit for digit, stop everything by PID
#   ./run.sh parquet     the same from Parquet files written by openlgd generate --format parquet
#   ./run.sh dashboard   start 4 server JVMs and the web dashboard on http://127.0.0.1:8080/ (until Ctrl-C)
#   ./run.sh report-demo regenerate examples/demo-run: a fractional-logit run of the four banks, its run record,
#                        report.html and (with chromium) report.png
#   ./run.sh bench|bench-cluster|bench-fit|bench-formula|bench-opennpl|bench-secure|bench-faults|bench-upstream|bench-csv|bench-sources|soak
#                        the benchmarks (bench/run.sh)
#   ./run.sh test        the test suite (mvn -B verify), after installing chromium and the original openLGD's Python
#                        packages from Debian if they are missing (scripts/install-test-deps.sh); then the coverage
#                        per package (JaCoCo; the build fails below the floors of stats and model)
#   ./run.sh mutation    mutation testing of the statistics core (PIT on org.openlgd.stats, .model, .secure); fails below
#                        the threshold in pom.xml (90 %) or when a class of stats is below 80 %
#                        (scripts/mutation-floor.sh); report: target/pit-reports/index.html
# Settings (environment): OPENLGD_BASE_PORT (5000: servers on 5001..), OPENLGD_MODEL (sgd), OPENLGD_EPOCHS (10),
# OPENLGD_DATA (data: bank1.csv.. are read from it), OPENLGD_CLUSTER (cluster name; default openlgd-demo-<pid>, so
# runs never join each other), JAVA_OPTS (the server JVMs' options; default
# "-XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1" and the request path's compile thresholds at 5%, see
# scripts/servers.sh).
set -euo pipefail
cd "$(dirname "$0")"
# shellcheck source=scripts/servers.sh
source scripts/servers.sh
CLUSTER=${OPENLGD_CLUSTER:-openlgd-demo-$$}

# cluster_run ARGS...: 4 clustered server JVMs and a clustered coordinator JVM (ARGS go to the coordinator)
cluster_run() {
  mapfile -t files < <(data_files)
  stop_on_exit
  log "starting ${#files[@]} model servers (one JVM each, HTTP ports $((BASE_PORT + 1))-$((BASE_PORT + ${#files[@]}))) in cluster '$CLUSTER' ..."
  SERVER_EXTRA=(--cluster --cluster-name "$CLUSTER")
  CLUSTER_PORT_BASE=5700
  # the first server forms the cluster alone; the others, started once it serves, join it instead of electing a
  # master together (members that start at the same moment race, and Hazelcast warns about the races)
  launch_servers "${files[0]}"
  wait_servers 1
  launch_servers_from 2 "${files[@]:1}"
  log "starting the coordinator (a 5th JVM) at once: it waits for the servers to appear on the event bus ..."
  if ! "$OPENLGD" coordinator --cluster --cluster-name "$CLUSTER" \
    --cluster-port $((CLUSTER_PORT_BASE + ${#files[@]} + 1)) \
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
    stop_on_exit
    log "starting ${#files[@]} model servers (one JVM each) on ports $((BASE_PORT + 1))-$((BASE_PORT + ${#files[@]})) ..."
    start_servers "${files[@]}"
    "$OPENLGD" coordinator --servers "$(server_urls ${#files[@]})" --model "$MODEL" --epochs "$EPOCHS" "$@"
    ;;
  simulate)
    build
    mapfile -t files < <(data_files)
    args=()
    for f in "${files[@]}"; do args+=(--data "$f"); done
    "$OPENLGD" simulate "${args[@]}" --model "$MODEL" --epochs "$EPOCHS" "$@"
    ;;
  standalone)
    build
    "$OPENLGD" standalone --data "$DATA/regression_data.csv" --epochs "$EPOCHS" "$@"
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
    pids=()
    for f in "$RUN_DIR"/server-*.pid; do [[ -f $f ]] && pids+=("$(cat "$f")"); done
    if ((${#pids[@]})); then stop_pids "${pids[@]}"; log "stopped ${#pids[@]} server(s)"; else log "no servers recorded in $RUN_DIR"; fi
    rm -f "$RUN_DIR"/server-*.pid
    ;;
  coordinator)
    build
    n=$(find "$RUN_DIR" -name 'server-*.pid' 2>/dev/null | wc -l)
    ((n > 0)) || { log "no servers started with ./run.sh start"; exit 1; }
    "$OPENLGD" coordinator --servers "$(server_urls "$n")" --model "$MODEL" --epochs "$EPOCHS" "$@"
    ;;
  dashboard)
    build
    mapfile -t files < <(data_files)
    stop_on_exit
    start_servers "${files[@]}"
    log "servers up; dashboard on http://127.0.0.1:${OPENLGD_DASHBOARD_PORT:-8080}/ (Ctrl-C stops everything)"
    "$OPENLGD" dashboard --port "${OPENLGD_DASHBOARD_PORT:-8080}" --servers "$(server_urls ${#files[@]})" "$@"
    ;;
  opennpl)
    build
    mapfile -t files < <(data_files)
    stop_on_exit
    mkdir -p "$RUN_DIR"
    log "starting ${#files[@]} data nodes (openNPL-style APIs) on ports 8001-$((8000 + ${#files[@]})) ..."
    i=0
    for f in "${files[@]}"; do
      i=$((i + 1))
      # shellcheck disable=SC2086
      JAVA_OPTS=$SERVER_JVM_OPTS "$OPENLGD" datanode --port $((8000 + i)) --data "$f" >"$RUN_DIR/datanode-$((8000 + i)).log" 2>&1 &
      STARTED_PIDS+=("$!")
    done
    for ((i = 1; i <= ${#files[@]}; i++)); do
      until (exec 3<>"/dev/tcp/127.0.0.1/$((8000 + i))") 2>/dev/null; do sleep 0.1; done
    done
    header=$(head -n 1 "${files[0]}")
    urls=()
    for ((i = 1; i <= ${#files[@]}; i++)); do urls+=("http://127.0.0.1:$((8000 + i))"); done
    log "starting ${#files[@]} model servers reading from them ..."
    SERVER_EXTRA=(--target "${header%%,*}" --features "${header#*,}")
    start_servers "${urls[@]}"
    "$OPENLGD" coordinator --servers "$(server_urls ${#files[@]})" --model "$MODEL" --epochs "$EPOCHS" "$@"
    ;;
  postgres)
    build
    # shellcheck source=scripts/sources.sh
    source scripts/sources.sh
    mapfile -t files < <(data_files)
    stop_on_exit
    trap 'cleanup; pg_stop' EXIT
    pg_start
    urls=()
    for ((i = 1; i <= ${#files[@]}; i++)); do
      pg_load "bank$i" "${files[i - 1]}"
      urls+=("postgresql://$PG_USER@127.0.0.1:$PG_PORT/bank$i")
    done
    log "starting ${#files[@]} model servers, each reading its bank's database with a query ..."
    SERVER_EXTRA=(--query "SELECT * FROM loans" --db-password-file "$PG_DIR/pw")
    start_servers "${urls[@]}"
    "$OPENLGD" coordinator --servers "$(server_urls ${#files[@]})" --model "$MODEL" --epochs "$EPOCHS" --json "$@" \
      >"$RUN_DIR/postgres.json"
    csv_and_compare "$RUN_DIR/postgres.json" "$@"
    ;;
  parquet)
    build
    # shellcheck source=scripts/sources.sh
    source scripts/sources.sh
    stop_on_exit
    rm -rf "$RUN_DIR/parquet"
    log "writing the banks as Parquet files (openlgd generate --format parquet: the shipped data's generator and seed) ..."
    "$OPENLGD" generate --out "$RUN_DIR/parquet" --format parquet >/dev/null
    mapfile -t files < <(printf '%s\n' "$RUN_DIR"/parquet/bank*.parquet | sort -V)
    log "starting ${#files[@]} model servers on them ..."
    start_servers "${files[@]}"
    "$OPENLGD" coordinator --servers "$(server_urls ${#files[@]})" --model "$MODEL" --epochs "$EPOCHS" --json "$@" \
      >"$RUN_DIR/parquet.json"
    csv_and_compare "$RUN_DIR/parquet.json" "$@"
    ;;
  report-demo)
    build
    mapfile -t files < <(data_files)
    args=()
    for f in "${files[@]}"; do args+=(--data "$f"); done
    rm -rf target/demo-runs
    "$OPENLGD" simulate "${args[@]}" --model fractional-logit --runs-dir target/demo-runs >/dev/null
    rm -rf examples/demo-run && mkdir -p examples/demo-run
    cp target/demo-runs/*/manifest.json target/demo-runs/*/rounds.jsonl target/demo-runs/*/result.json examples/demo-run/
    "$OPENLGD" report --run examples/demo-run
    if command -v chromium >/dev/null; then
      chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,2000 \
        --screenshot="$PWD/examples/demo-run/report.png" "file://$PWD/examples/demo-run/report.html" 2>/dev/null
    fi
    ls -l examples/demo-run >&2
    ;;
  bench | bench-cluster | bench-fit | bench-formula | bench-opennpl | bench-secure | bench-faults | bench-upstream | bench-csv | bench-sources | soak)
    exec bench/run.sh "$cmd" "$@"
    ;;
  test)
    # the browser and the original's Python are installed (or the command to install them is printed), never skipped
    scripts/install-test-deps.sh
    OPENLGD_REQUIRE_BROWSER=1 mvn -B verify "$@"
    scripts/coverage.sh
    ;;
  mutation)
    mvn -B -q test-compile
    mvn -B org.pitest:pitest-maven:mutationCoverage "$@"
    scripts/mutation-floor.sh
    ;;
  *)
    awk 'NR > 1 && /^#/ { print } /^set / { exit }' "$0" >&2
    exit 2
    ;;
esac
