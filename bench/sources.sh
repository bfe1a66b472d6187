#!/usr/bin/env bash
# ./run.sh bench-sources: how long a model server takes to load 1,000,000 rows x 11 columns from each source, in one
# run. The rows (openlgd generate --servers 1 --rows 1000000 --noise 6: LGD, 4 drivers, 6 noise columns) are written
# once as CSV and as Parquet (generate --format parquet) and copied into a PostgreSQL server on loopback (a fresh
# cluster, scripts/sources.sh). Then, alternately, a server JVM starts on each source (the CSV file, the Parquet file
# through DuckDB, the PostgreSQL table through the reactive client, the same table through JDBC) and is timed from
# its launch to its first answer (the whole process as a user waits for it: JVM start, load, design), and pandas'
# read_csv reads the CSV file in a fresh python3 as the reference; OPENLGD_BENCH_RUNS rounds (5) after a warm-up one.
# Also each server's own "loaded ... in N ms" (the load alone). Medians and ratios to the CSV file by bench/summary.py.
# Every server and the database are stopped by PID at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/servers.sh
source scripts/servers.sh
# shellcheck source=../scripts/sources.sh
source scripts/sources.sh
PY=/usr/bin/python3
RUNS=${OPENLGD_BENCH_RUNS:-5}
PORT=$((BASE_PORT + 91))
OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xmx512m"}

build
stop_on_exit
trap 'cleanup; pg_stop' EXIT
out="$RUN_DIR/bench-sources"
rm -rf "$out" && mkdir -p "$out"
log "writing 1,000,000 rows x 11 columns as CSV and as Parquet ..."
java -jar "$JAR" generate --out "$out/csv" --servers 1 --rows 1000000 --noise 6 --full-precision >/dev/null
java -jar "$JAR" generate --out "$out/parquet" --servers 1 --rows 1000000 --noise 6 --full-precision --format parquet >/dev/null
csv="$out/csv/bank1.csv"
pg_start
log "copying the rows into PostgreSQL ..."
pg_load bank1 "$csv"
pg_url="postgresql://$PG_USER@127.0.0.1:$PG_PORT/bank1"
jdbc_url="jdbc:postgresql://127.0.0.1:$PG_PORT/bank1?user=$PG_USER"

# serve LABEL ARGS...: a server JVM on ARGS, timed from launch to its first answer; "LABEL ms" to whole.txt, and its
# own load time to load.txt
serve() {
  local label=$1 t0 pid
  shift
  t0=$(date +%s%3N)
  # shellcheck disable=SC2086
  java $OPTS -jar "$JAR" server --port "$PORT" --id 1 "$@" >"$out/$label.log" 2>&1 &
  pid=$!
  STARTED_PIDS+=("$pid")
  until is_up "$PORT"; do
    kill -0 "$pid" 2>/dev/null || { log "$label: the server exited:"; cat "$out/$label.log" >&2; exit 1; }
    sleep 0.02
  done
  echo "$label $(($(date +%s%3N) - t0))" >>"$out/$round-whole.txt"
  echo "$label $(sed -n 's/.*loaded [0-9]* rows.* in \([0-9]*\) ms.*/\1/p' "$out/$label.log" | tail -n 1)" >>"$out/$round-load.txt"
  stop_pids "$pid"
  STARTED_PIDS=()
}

for ((r = 0; r <= RUNS; r++)); do
  round=$([[ $r == 0 ]] && echo warmup || echo timed)
  log "round $r of $RUNS$([[ $r == 0 ]] && echo ' (warm-up, not counted)') ..."
  serve csv --data "$csv"
  serve parquet --data "$out/parquet/bank1.parquet"
  serve postgresql --data "$pg_url" --table loans --db-password-file "$PG_DIR/pw"
  serve jdbc-postgresql --data "$jdbc_url" --table loans --db-password-file "$PG_DIR/pw"
  t0=$(date +%s%3N)
  $PY -c "import pandas, sys; pandas.read_csv(sys.argv[1])" "$csv"
  echo "pandas-read_csv $(($(date +%s%3N) - t0))" >>"$out/$round-whole.txt"
done
log "whole processes, launch to first answer (JVM start, load, design; pandas: python3 start, import, read_csv):"
$PY bench/summary.py alternating "$out/timed-whole.txt" csv parquet postgresql jdbc-postgresql pandas-read_csv
log "the load alone, as each server logs it:"
$PY bench/summary.py alternating "$out/timed-load.txt" csv parquet postgresql jdbc-postgresql
