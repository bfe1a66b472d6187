# Shell functions shared by run.sh and bench/run.sh: build the jar, start model-server JVMs on loopback ports,
# wait for them, and stop every JVM started, by PID. Sourced, not run.
JAR=target/openlgd.jar
OPENLGD=bin/openlgd # the launcher: the jar with a start-up archive and JVM flags for the command
RUN_DIR=target/run
BASE_PORT=${OPENLGD_BASE_PORT:-5000}
MODEL=${OPENLGD_MODEL:-sgd}
EPOCHS=${OPENLGD_EPOCHS:-10}
DATA=${OPENLGD_DATA:-data}
# the demo's servers: small heaps and the quick compiler only (docs/operations.md)
SERVER_JVM_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1"}
# ... and, outside a cluster, the compile thresholds at 5% for the code a request runs through (openlgd, Vert.x, Netty,
# Jackson): a model server answers a few dozen requests per run, so at the default thresholds that code stayed
# interpreted for many runs. Not for cluster members: their extra compiling while Hazelcast forms the cluster made a
# migration race (warnings in the demo) likelier. JAVA_OPTS, when given, are taken as they are.
REQUEST_PATH_JIT=""
if [[ -z ${JAVA_OPTS:-} ]]; then
  REQUEST_PATH_JIT="-XX:CompileCommand=quiet"
  for jit_pkg in org/openlgd io/vertx io/netty com/fasterxml; do
    REQUEST_PATH_JIT+=" -XX:CompileCommand=CompileThresholdScaling,$jit_pkg/*.*,0.05"
  done
  unset jit_pkg
fi
SERVER_EXTRA=()   # extra server options, e.g. --cluster
CLUSTER_PORT_BASE=""  # with --cluster: server i takes Hazelcast port CLUSTER_PORT_BASE + i (no two members race for one)
STARTED_PIDS=()

log() { printf '%s\n' "$*" >&2; }

build() {
  if [[ ! -f $JAR || pom.xml -nt $JAR || -n $(find src/main -newer "$JAR" -type f -print -quit) ]]; then
    log "building $JAR ..."
    mvn -B -q -DskipTests package >&2
  fi
  # the start-up archives of the servers and of the clustered coordinator, made once per jar and JDK (bin/openlgd), so
  # that starting them never waits for one
  JAVA_OPTS=$SERVER_JVM_OPTS "$OPENLGD" --prepare server
  "$OPENLGD" --prepare coordinator --cluster
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
  launch_servers_from 1 "$@"
}

# launch_servers_from K FILE... : the same for servers K, K+1, ... (ports BASE+K, ...)
launch_servers_from() {
  mkdir -p "$RUN_DIR"
  local i=$(($1 - 1)) f
  shift
  for f in "$@"; do
    i=$((i + 1))
    if is_up $((BASE_PORT + i)); then log "port $((BASE_PORT + i)) is already serving; stop it first (./run.sh stop)"; return 1; fi
    : >"$RUN_DIR/server-$((BASE_PORT + i)).log"
    launch_one "$i" "$f"
  done
}

# launch_one I FILE : server I (port BASE+I) on FILE, in a JVM of its own; records its PID; does not wait
launch_one() {
  local port=$((BASE_PORT + $1)) pid
  local cluster_port=()
  [[ -n $CLUSTER_PORT_BASE ]] && cluster_port=(--cluster-port $((CLUSTER_PORT_BASE + $1)))
  local opts=$SERVER_JVM_OPTS
  [[ " ${SERVER_EXTRA[*]-} " == *" --cluster "* ]] || opts+=" $REQUEST_PATH_JIT"
  # shellcheck disable=SC2086
  JAVA_OPTS=$opts "$OPENLGD" server --port "$port" --id "$1" --data "$2" --model "$MODEL" ${SERVER_EXTRA[@]+"${SERVER_EXTRA[@]}"} \
    ${cluster_port[@]+"${cluster_port[@]}"} \
    >>"$RUN_DIR/server-$port.log" 2>&1 &
  pid=$!
  STARTED_PIDS+=("$pid")
  echo "$pid" >"$RUN_DIR/server-$port.pid"
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
  STARTED_PIDS=()
  rm -f "$RUN_DIR"/server-*.pid
}

# stop every JVM this script started when it ends, also on Ctrl-C or an error
stop_on_exit() {
  trap cleanup EXIT
  trap 'exit 130' INT TERM
}
