#!/usr/bin/env bash
# openlgd benchmarks (docs/benchmarks.md); the figures are computed by bench/summary.py.
#   bench/run.sh bench          coordinator-time benchmark against 4 HTTP server JVMs with 100 rows each
#   bench/run.sh bench-cluster  time from the first JVM's start to the clustered coordinator's first round
#   bench/run.sh bench-fit      fractional logit, 4 servers x 1M rows x 10 features, from the CSV files to the result as
#                               whole processes, alternating with pandas + statsmodels on the same rows pooled; also
#                               each file's load time and heap per cell (OPENLGD_BENCH_BASELINE=JAR: an older build too)
#   bench/run.sh bench-formula  a formula with categoricals, weights and missing values on 4 x 250,000 rows: the weighted
#                               fractional logit from the CSV files to the result as whole processes (standalone),
#                               alternating with pandas + statsmodels' formula API on the same rows
#   bench/run.sh bench-opennpl  time to load 10,000 entries from a data node, six loads in a row
#   bench/run.sh soak           4 server JVMs, 1,000 federated rounds; heap and threads of every JVM sampled
#   bench/run.sh bench-secure   secure vs plain aggregation, runs alternating: the 4 x 100-row sgd demo over 4 server
#                               JVMs, and the fractional logit on 4 x 1M rows x 10 features (in one JVM)
#   bench/run.sh bench-csv      JMH: the CSV loader alone, MB/s on 17-digit and on short numbers, 1 and 2 threads
#   bench/run.sh bench-sources  a server's load of 1M rows x 11 columns from CSV, Parquet and PostgreSQL (reactive and
#                               JDBC), alternating, with pandas' read_csv as the reference (bench/sources.sh)
#   bench/run.sh bench-upstream the original openLGD's demo side by side: its 4 Flask servers and 4 openlgd servers on the
#                               same files; whole coordinator processes alternating (bench/upstream.sh)
#   bench/run.sh bench-faults   4 server JVMs, coordinator sgd 300 epochs --min-servers 3: one server SIGKILLed once
#                               the coordinator has recorded 30 rounds, then SIGSTOPped, then SIGKILLed and started again (1,500 epochs);
#                               round-time medians before and after, whole-run time, rounds until the restarted one is back
# Extra arguments go to the openlgd command measured. Every JVM started is stopped by PID at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/servers.sh
source scripts/servers.sh
PY=/usr/bin/python3

# small_demo: 4 server JVMs with exactly 100 generated rows each (the original's demo size), in a temporary folder
small_demo() {
  tmp=$(mktemp -d)
  trap 'cleanup; rm -rf "$tmp"' EXIT
  trap 'exit 130' INT TERM
  java -jar "$JAR" generate --out "$tmp" --servers 4 --rows 100 >/dev/null
  for f in "$tmp"/bank*.csv; do head -n 101 "$f" >"$f.100" && mv "$f.100" "$f"; done
  mapfile -t files < <(printf '%s\n' "$tmp"/bank*.csv | sort -V)
  start_servers "${files[@]}"
}

# need_statsmodels BENCH: stops with the install command unless Debian's pandas and statsmodels are there
need_statsmodels() {
  if ! $PY -c 'import pandas, statsmodels' 2>/dev/null; then
    log "$1 compares with pandas + statsmodels: apt-get install python3-pandas python3-statsmodels"
    exit 1
  fi
}

cmd=${1:-}
[[ $# -gt 0 ]] && shift
build
case $cmd in
  bench)
    small_demo
    log "4 server JVMs up; warming up and measuring (about a minute) ..."
    java -XX:+UseSerialGC -jar "$JAR" bench --urls "$(server_urls ${#files[@]})" --model "$MODEL" --epochs "$EPOCHS" "$@"
    ;;
  bench-cluster)
    mkdir -p "$RUN_DIR"
    result="$RUN_DIR/bench-cluster.json"
    t0=$(date +%s%3N)
    ./run.sh --json "$@" >"$result"
    $PY bench/summary.py cluster-start "$t0" "$result"
    ;;
  bench-fit)
    # whole processes from the CSV files to the result, alternating: openlgd's simulate (4 servers in one JVM) and
    # pandas read_csv + statsmodels GLM on the pooled rows; the numbers written as doubles are (17 significant digits)
    dir=target/bench-fit17
    need_statsmodels bench-fit
    if [[ ! -f $dir/bank4.csv ]]; then
      log "generating 4 banks x 1,000,000 rows (average) x 10 features, full-precision numbers, in $dir ..."
      "$OPENLGD" generate --out "$dir" --servers 4 --rows 1000000 --noise 6 --full-precision >/dev/null
    fi
    data=()
    for f in "$dir"/bank[1-4].csv; do data+=(--data "$f"); done
    log "load time and heap per file (bench: the four servers loaded one after the other in one JVM) ..."
    JAVA_OPTS="-Xmx4g ${JAVA_OPTS:-}" "$OPENLGD" bench --transport eventbus --model ols --runs 1 --warmup 0 "${data[@]}" \
      | grep '^load' | tee "$dir/loads.txt"
    runs=${OPENLGD_BENCH_RUNS:-5}
    baseline=${OPENLGD_BENCH_BASELINE:-} # a jar: a third process in each round
    log "whole processes, alternating: 1 warm-up pair, then $runs pairs (each openlgd run is one simulate JVM) ..."
    times=$dir/times.txt
    : >"$times"
    for ((k = 0; k <= runs; k++)); do
      t0=$(date +%s%N)
      JAVA_OPTS="-Xmx4g ${JAVA_OPTS:-}" "$OPENLGD" simulate --model fractional-logit "${data[@]}" --runs-dir target/bench-fit-runs --json "$@" \
        | tail -n 1 >"$dir/openlgd-result.json"
      t1=$(date +%s%N)
      $PY bench/pandas_statsmodels_fractional_logit.py "$dir"/bank[1-4].csv >"$dir/statsmodels-result.json"
      t2=$(date +%s%N)
      if [[ -n $baseline ]]; then # an older build, run as before the launcher: java -jar
        java -Xmx4g -XX:+UseParallelGC -jar "$baseline" simulate --model fractional-logit "${data[@]}" --json --record false >/dev/null 2>&1
      fi
      t3=$(date +%s%N)
      if ((k > 0)); then
        printf 'pandas+statsmodels %d\nopenlgd %d\n' $(((t2 - t1) / 1000000)) $(((t1 - t0) / 1000000)) | tee -a "$times"
        if [[ -n $baseline ]]; then printf 'baseline %d\n' $(((t3 - t2) / 1000000)) | tee -a "$times"; fi
      fi
    done
    $PY bench/summary.py alternating "$times" pandas+statsmodels openlgd ${baseline:+baseline}
    $PY bench/summary.py same-fit "$dir/openlgd-result.json" "$dir/statsmodels-result.json"
    $PY bench/score_check.py "$dir/openlgd-result.json" "$dir/statsmodels-result.json" "$dir"/bank[1-4].csv
    ;;
  bench-formula)
    dir=target/bench-formula
    need_statsmodels bench-formula
    if [[ ! -f $dir/bank4.csv ]]; then
      log "generating 4 banks x 250,000 rows (average) with categorical drivers, ead and 5 % missing values in $dir ..."
      "$OPENLGD" generate --categorical --out "$dir" --servers 4 --rows 250000 --seed 7 --missing-share 0.05 >/dev/null
    fi
    files=$(printf '%s,' "$dir"/bank[1-4].csv)
    runs=${OPENLGD_BENCH_RUNS:-5}
    log "whole processes, alternating: 1 warm-up pair, then $runs pairs ..."
    times=$dir/times.txt
    : >"$times"
    for ((k = 0; k <= runs; k++)); do
      t0=$(date +%s%N)
      "$OPENLGD" standalone --data "${files%,}" --model fractional-logit --weights ead --json "$@" \
        --formula "LGD ~ ltv + log(ead) + C(collateral) + facility + senior:ltv" | tail -n 1 >"$dir/openlgd-result.json"
      t1=$(date +%s%N)
      $PY bench/statsmodels_formula.py "$dir"/bank[1-4].csv >"$dir/statsmodels-result.json"
      t2=$(date +%s%N)
      if ((k > 0)); then
        printf 'pandas+statsmodels %d\nopenlgd %d\n' $(((t2 - t1) / 1000000)) $(((t1 - t0) / 1000000)) | tee -a "$times"
      fi
    done
    $PY bench/summary.py alternating "$times" pandas+statsmodels openlgd
    $PY bench/statsmodels_formula.py --compare "$dir/openlgd-result.json" "$dir/statsmodels-result.json"
    ;;
  bench-opennpl)
    tmp=$(mktemp -d)
    trap 'cleanup; rm -rf "$tmp"' EXIT
    trap 'exit 130' INT TERM
    java -jar "$JAR" generate --out "$tmp" --servers 1 --rows 10000 >/dev/null
    # shellcheck disable=SC2086
    java $SERVER_JVM_OPTS -jar "$JAR" datanode --port 8001 --data "$tmp/bank1.csv" \
      --fields LGD=cash_and_cash_equivalent_items,ltv=current_assets >"$tmp/datanode.log" 2>&1 &
    STARTED_PIDS+=("$!")
    until (exec 3<>/dev/tcp/127.0.0.1/8001) 2>/dev/null; do sleep 0.1; done
    args=()
    for _ in 1 2 3 4 5 6; do args+=(--data http://127.0.0.1:8001); done
    java -jar "$JAR" bench --transport eventbus --model ols --runs 1 --warmup 0 "${args[@]}" "$@" | grep '^load' | tee "$tmp/loads.txt"
    $PY bench/summary.py loads "$tmp/loads.txt"
    ;;
  bench-secure)
    small_demo
    log "4 server JVMs up; sgd demo, plain and secure alternating (a few minutes) ..."
    for _ in 1 2; do
      for mode in plain secure; do
        secure=(); [[ $mode == secure ]] && secure=(--secure)
        java -XX:+UseSerialGC -jar "$JAR" bench --urls "$(server_urls ${#files[@]})" --model sgd "${secure[@]}" "$@" | tail -n 1 >>"$tmp/demo.jsonl"
      done
    done
    cleanup
    dir=target/bench-fit
    if [[ ! -f $dir/bank4.csv ]]; then
      log "generating 4 banks x 1,000,000 rows (average) x 10 features in $dir ..."
      java -jar "$JAR" generate --out "$dir" --servers 4 --rows 1000000 --noise 6 >/dev/null
    fi
    log "fractional logit on 4 x 1M rows, plain and secure alternating ..."
    for _ in 1 2; do
      for mode in plain secure; do
        secure=(); [[ $mode == secure ]] && secure=(--secure)
        java -Xmx3g -XX:+UseParallelGC -jar "$JAR" bench --transport eventbus --model fractional-logit "${secure[@]}" \
          --data "$dir/bank1.csv" --data "$dir/bank2.csv" --data "$dir/bank3.csv" --data "$dir/bank4.csv" \
          --runs 5 --warmup 1 | tail -n 1 >>"$tmp/fit.jsonl"
      done
    done
    $PY bench/summary.py secure "$tmp/demo.jsonl" "$tmp/fit.jsonl"
    ;;
  bench-upstream)
    exec bench/upstream.sh "$@"
    ;;
  bench-sources)
    exec bench/sources.sh "$@"
    ;;
  bench-csv)
    # JMH: the CSV loader alone on 200,000 rows x 11 columns, full (17-digit) or short numbers, 1 or 2 threads
    mvn -B -q test-compile >&2
    mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath >&2
    rm -f target/bench-csv.sizes
    java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" org.openjdk.jmh.Main CsvParserBenchmark \
      -rf json -rff target/bench-csv.json -jvmArgsAppend "-Dopenlgd.csvbench.sizes=$PWD/target/bench-csv.sizes" "$@"
    $PY bench/summary.py jmh target/bench-csv.json target/bench-csv.sizes
    ;;
  bench-faults)
    mapfile -t files < <(data_files)
    stop_on_exit
    out="$RUN_DIR/faults"
    mkdir -p "$out"
    for scenario in KILL STOP RESTART; do
      start_servers "${files[@]}"
      epochs=300; [[ $scenario == RESTART ]] && epochs=1500
      log "scenario $scenario: coordinator sgd, $epochs epochs, quorum 3; server 2 gets SIG${scenario/RESTART/KILL} after 30 rounds ..."
      rm -rf "$out/runs"
      t0=$(date +%s%3N)
      java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$JAR" coordinator --servers "$(server_urls ${#files[@]})" \
        --model sgd --epochs "$epochs" --min-servers 3 --json --runs-dir "$out/runs" "$@" >"$out/$scenario.json" &
      coordinator=$!
      STARTED_PIDS+=("$coordinator") # stopped by PID with the servers if this script ends early
      # the signal comes once the run record holds 30 rounds (as in DeadServerIT): a fixed delay outlasts a fast run
      for _ in $(seq 1500); do
        f=$(find "$out/runs" -name rounds.jsonl 2>/dev/null | head -n 1 || true)
        [[ -n $f ]] && (($(wc -l <"$f") >= 30)) && break
        sleep 0.02
      done
      victim=$(cat "$RUN_DIR/server-$((BASE_PORT + 2)).pid")
      ts=$(date +%s%3N)
      ready=0
      if [[ $scenario == STOP ]]; then
        kill -STOP "$victim"
      else
        kill -KILL "$victim"
      fi
      if [[ $scenario == RESTART ]]; then
        wait "$victim" 2>/dev/null || true
        launch_one 2 "${files[1]}"
        until is_up $((BASE_PORT + 2)); do sleep 0.02; done
        ready=$(date +%s%3N)
      fi
      wait "$coordinator"
      t1=$(date +%s%3N)
      [[ $scenario == STOP ]] && kill -CONT "$victim"
      $PY bench/summary.py faults "$scenario" "$t0" "$ts" "$t1" "$ready" "$out/$scenario.json" "http://127.0.0.1:$((BASE_PORT + 2))"
      cleanup
    done
    ;;
  soak)
    mapfile -t files < <(data_files)
    stop_on_exit
    start_servers "${files[@]}"
    log "${#files[@]} server JVMs up; soaking (1,000 rounds, about a minute) ..."
    java -XX:+UseSerialGC -jar "$JAR" soak --urls "$(server_urls ${#files[@]})" \
      --pids "$(IFS=,; echo "${STARTED_PIDS[*]}")" --model "$MODEL" "$@"
    ;;
  *)
    awk 'NR > 1 && /^#/ { print } /^set / { exit }' "$0" >&2
    exit 2
    ;;
esac
