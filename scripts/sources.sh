# Shell functions for the data-source demos (./run.sh postgres, ./run.sh parquet): a throw-away PostgreSQL server on
# loopback, and the check that two coordinator results are the same digit for digit. Sourced after servers.sh.
PG_DIR=""
PG_PID=""
PG_PORT=""
PG_USER=openlgd

# pg_bin: the folder of Debian's PostgreSQL binaries (the newest installed)
pg_bin() {
  local d best=""
  for d in /usr/lib/postgresql/*/bin; do [[ -x $d/initdb ]] && best=$d; done
  if [[ -z $best ]]; then
    log "PostgreSQL is not installed; install it with: apt-get install postgresql"
    return 1
  fi
  echo "$best"
}

# as_postgres CMD...: CMD as the postgres user when run as root (PostgreSQL refuses to run as root)
as_postgres() {
  if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_start: a fresh cluster in a temporary folder on a free loopback port (PG_PORT), password authentication, the
# password in $PG_DIR/pw; its postmaster PID in PG_PID, stopped by pg_stop (run.sh's cleanup calls it)
pg_start() {
  local bin
  bin=$(pg_bin) || return 1
  PG_DIR=$(mktemp -d /tmp/openlgd-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$PG_DIR/pw"
  ((EUID == 0)) && chown -R postgres "$PG_DIR"
  PG_PORT=15432
  while (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; do PG_PORT=$((PG_PORT + 1)); done
  log "starting PostgreSQL ($bin) on 127.0.0.1:$PG_PORT in $PG_DIR ..."
  as_postgres "$bin/initdb" -D "$PG_DIR/data" -U "$PG_USER" --auth=scram-sha-256 --pwfile="$PG_DIR/pw" -E UTF8 \
    >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  as_postgres "$bin/pg_ctl" -D "$PG_DIR/data" -w -l "$PG_DIR/log" \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null || { cat "$PG_DIR/log" >&2; return 1; }
  PG_PID=$(head -n 1 "$PG_DIR/data/postmaster.pid")
  PG_BIN=$bin
}

# pg_stop: stops the server by its postmaster PID (SIGINT: a fast shutdown) and removes its folder
pg_stop() {
  if [[ -n $PG_PID ]]; then
    kill -INT "$PG_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$PG_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$PG_PID" 2>/dev/null || true
    PG_PID=""
  fi
  if [[ -n $PG_DIR ]]; then rm -rf "$PG_DIR"; PG_DIR=""; fi
}

# pg_sql DB SQL...: runs statements (and psql meta-commands) as the cluster's owner over loopback
pg_sql() {
  local db=$1 args=()
  shift
  for s in "$@"; do args+=(-c "$s"); done
  PGPASSWORD=$(cat "$PG_DIR/pw") "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$db" \
    -v ON_ERROR_STOP=1 "${args[@]}"
}

# pg_load DB CSV: database DB with table "loans" holding CSV's rows (every column double precision, the file's
# header as the column names), copied in through psql's standard input
pg_load() {
  local header cols=() c
  header=$(head -n 1 "$2")
  IFS=, read -ra names <<<"$header"
  for c in "${names[@]}"; do cols+=("\"$c\" double precision"); done
  pg_sql postgres "CREATE DATABASE $1"
  pg_sql "$1" "CREATE TABLE loans ($(IFS=,; echo "${cols[*]}"))"
  pg_sql "$1" "\\copy loans FROM pstdin CSV HEADER" <"$2"
}

# same_result A.json B.json: the two coordinator results (--json) have the same rows, data fingerprints,
# coefficients and standard errors (models that have them), digit for digit; prints what was compared
same_result() {
  local key a b ok=0
  for key in '"coefficients":{[^}]*}' '"standardErrors":{[^}]*}' '"fingerprint":"[0-9a-f]*"' '"n":[0-9]*'; do
    a=$(grep -o "$key" "$1" || true)
    b=$(grep -o "$key" "$2" || true)
    if [[ $a != "$b" || ($key == '"coefficients"'* && -z $a) ]]; then
      log "DIFFERENT ${key%%:*}:"; log "  $1: $a"; log "  $2: $b"; ok=1
    fi
  done
  if ((ok == 0)); then
    log "the same digit for digit (rows, data fingerprints, coefficients, standard errors) as the CSV run:"
    grep -o '"coefficients":{[^}]*}' "$1" >&2
  fi
  return $ok
}

# csv_and_compare RESULT.json ARGS...: runs the coordinator on the CSV files (servers 1.. again) and compares
csv_and_compare() {
  local result=$1 files
  shift
  cleanup
  SERVER_EXTRA=()
  mapfile -t files < <(data_files)
  log "the same run from the CSV files, to compare ..."
  start_servers "${files[@]}"
  "$OPENLGD" coordinator --servers "$(server_urls ${#files[@]})" --model "$MODEL" --epochs "$EPOCHS" --json "$@" \
    >"$RUN_DIR/csv.json"
  same_result "$result" "$RUN_DIR/csv.json"
}
