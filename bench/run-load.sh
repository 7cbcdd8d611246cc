#!/usr/bin/env bash
# Load benchmark of the verify API on loopback (docs/benchmarks.md, "Verify API under load").
#
#   bash bench/run-load.sh [h2|postgres|both]      # default: both, about 7 minutes in all
#
# For each database: seeds LOAD_TOKENS customers with ACTIVE tokens (the server's seed-load-test
# command), starts the server jar on 127.0.0.1 in a throw-away directory (and, for postgres, a
# throw-away PostgreSQL 15 with fsync and synchronous_commit on, as scripts/test.sh does), runs the
# load generator (dev.ichie.bench.load.VerifyLoad: a warm-up, then each concurrency level), and
# stops everything. Results: printed, and the Markdown rows in bench/target/load-result.md.
#
# With LOAD_KIND=passkey it measures usernameless passkey logins over the API instead
# (dev.ichie.bench.load.PasskeyLoad: LOAD_PASSKEYS=200 passkeys registered first, then options,
# an ES256 assertion signed by the generator, and its check; levels 1,2,4 by default).
#
# Settings (environment):
#   LOAD_KIND=verify        verify (TOTP codes), passkey (passkey logins), confirm (取引認証:
#                           create, the app's signed poll and decision; dev.ichie.bench.load.ConfirmLoad)
#                           or activation (a wrong password's finish for a live issuance against one
#                           for an unknown user ID, the decoy; dev.ichie.bench.load.ActivationLoad)
#   LOAD_TOKENS=300000      tokens seeded; each can verify once per 30-s step, so the most the run
#                           can ask for is LOAD_TOKENS/30 per second (10,000/s)
#   LOAD_LEVELS=4,8,16      concurrency levels (workers, each with one keep-alive connection)
#   LOAD_WARMUP=60          seconds of warm-up at the last level, not measured (the JIT needs it)
#   LOAD_DURATION=20        seconds measured per level (after 3 s of settling)
#   LOAD_CLIENT=raw         raw: a bare HTTP/1.1 socket client; jdk: java.net.http.HttpClient
#   LOAD_POOL=16            Hikari maximum-pool-size of the server: one connection per worker at
#                           the top level (Spring Boot's default, 10, queues requests at 16)
#   LOAD_JAVA_HOME=         JDK that runs the server (default: the java on PATH)
#   LOAD_SERVER_ARGS=       more server arguments, e.g. "--server.tomcat.threads.max=32"
#   LOAD_PG_OPTS=           more PostgreSQL settings, e.g. "-c synchronous_commit=off" (experiments)
#   LOAD_SKIP_BUILD=1       use the jars built before
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mode="${1:-both}"
case "$mode" in
  h2) dbs=(h2) ;;
  postgres | pg) dbs=(postgres) ;;
  both) dbs=(h2 postgres) ;;
  *) echo "usage: bash bench/run-load.sh [h2|postgres|both]" >&2; exit 2 ;;
esac

KIND="${LOAD_KIND:-verify}"
TOKENS="${LOAD_TOKENS:-300000}"
if [[ "$KIND" == activation ]]; then
  TOKENS="${LOAD_TOKENS:-1}"
fi
if [[ "$KIND" == passkey || "$KIND" == confirm ]]; then
  TOKENS="${LOAD_TOKENS:-1000}"
  : "${LOAD_LEVELS:=1,2,4}"
  : "${LOAD_WARMUP:=30}"
fi
LEVELS="${LOAD_LEVELS:-4,8,16}"
WARMUP="${LOAD_WARMUP:-60}"
DURATION="${LOAD_DURATION:-20}"
CLIENT="${LOAD_CLIENT:-raw}"
SERVER_JAVA="${LOAD_JAVA_HOME:+$LOAD_JAVA_HOME/bin/}java"
read -r -a extra_server_args <<<"${LOAD_SERVER_ARGS:-}"
if [[ "$KIND" == activation ]]; then
  # Every start would otherwise meet the per-address limit of 30 a minute.
  extra_server_args+=("--ichie.activation.starts-per-address=1000000"
    "--ichie.activation.starts-per-user=1000")
fi
POOL="${LOAD_POOL:-16}"
pool_args=("--spring.datasource.hikari.maximum-pool-size=$POOL"
  "--spring.datasource.hikari.minimum-idle=$POOL")

if [[ -z "${LOAD_SKIP_BUILD:-}" ]]; then
  # The server jar, and the generator's classes only: bench/target/benchmarks.jar (JMH) is left
  # alone, so that a JMH run going on meanwhile keeps its jar.
  ./mvnw -q -B -pl server -am package -DskipTests -Dspotless.check.skip=true
  ./mvnw -q -B -pl bench -am compile -Dspotless.check.skip=true
fi

work="$(mktemp -d /tmp/ichie-load.XXXXXX)"
server_pid=""
generator_pid=""
pg_stop() { :; }
cleanup() {
  if [[ -n "$generator_pid" ]]; then
    kill "$generator_pid" 2>/dev/null || true
    wait "$generator_pid" 2>/dev/null || true
  fi
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Private copies: a rebuild by someone else during the run does not change what runs.
cp server/target/ichie-server.jar "$work/"
cp -r bench/target/classes "$work/generator"
cp -r otp/target/classes "$work/otp"
cp -r activation/target/classes "$work/activation"
bcprov="$(find "${HOME}/.m2/repository/org/bouncycastle/bcprov-jdk18on" -name 'bcprov-jdk18on-*.jar' \
  2>/dev/null | sort | tail -1)"
# The generator's libraries as Maven resolves them (Jackson 3 for the activation JSON, …).
./mvnw -q -B -pl bench dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" >/dev/null
deps="$(cat "$work/classpath.txt")"
seed_key="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
mkdir -p bench/target
result="$root/bench/target/load-result.md"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

pg_pid=""
start_pg() {
  pgbin=""
  for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [[ -x "$candidate/postgres" ]]; then pgbin="$candidate"; break; fi
  done
  if [[ -z "$pgbin" ]]; then
    echo "run-load.sh: no PostgreSQL server binaries found (apt-get install postgresql)" >&2
    exit 1
  fi
  # Its own directory: postgres must be able to enter it, and mktemp's are private to their owner.
  pgroot="$(mktemp -d /tmp/ichie-load-pg.XXXXXX)"
  pg_port="$(free_port)"
  as_pg() { "$@"; }
  if [[ "$(id -u)" == "0" ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$pgroot"
    as_pg() { runuser -u postgres -- "$@"; }
  fi
  as_pg "$pgbin/initdb" -D "$pgroot/data" -U postgres --no-locale -E UTF8 \
    --auth-local=trust --auth-host=scram-sha-256 >"$pgroot/initdb.log"
  # shellcheck disable=SC2086 # LOAD_PG_OPTS is a list of -c options
  as_pg "$pgbin/pg_ctl" -D "$pgroot/data" -l "$pgroot/server.log" -w -t 60 \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $pgroot -c fsync=on ${LOAD_PG_OPTS:-}" \
    start >/dev/null
  pg_stop() {
    as_pg "$pgbin/pg_ctl" -D "$pgroot/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pgroot"
  }
  as_pg "$pgbin/psql" -q -v ON_ERROR_STOP=1 -h "$pgroot" -p "$pg_port" -U postgres -d postgres \
    -c "CREATE ROLE ichie LOGIN PASSWORD 'ichie'" -c "CREATE DATABASE ichie OWNER ichie"
  pg_pid="$(head -1 "$pgroot/data/postmaster.pid")"
  psql_ichie() { as_pg "$pgbin/psql" -qtA -h "$pgroot" -p "$pg_port" -U postgres -d ichie "$@"; }
  echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port" \
    "(fsync on, synchronous_commit $(psql_ichie -c 'SHOW synchronous_commit'))"
}

machine_state() {
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
    "JMH $(pgrep -f benchmarks.jar >/dev/null && echo RUNNING || echo 'not running')"
}

run_db() {
  local db="$1"
  local dir="$work/$db"
  mkdir -p "$dir"
  local ds=()
  local db_pid_arg=()
  if [[ "$db" == postgres ]]; then
    start_pg
    ds=("--spring.datasource.url=jdbc:postgresql://127.0.0.1:$pg_port/ichie"
      "--spring.datasource.username=ichie" "--spring.datasource.password=ichie")
    db_pid_arg=("--db-pid=$pg_pid")
  fi
  echo "== $db: seeding $TOKENS tokens"
  (cd "$dir" && "$SERVER_JAVA" -jar "$work/ichie-server.jar" seed-load-test --count="$TOKENS" \
    --spring.profiles.active=dev \
    --seed-key="$seed_key" "${ds[@]}" >seed.log 2>&1) || {
    cat "$dir/seed.log" >&2
    exit 1
  }
  grep '^seeded' "$dir/seed.log"
  if [[ "$db" == postgres ]]; then
    # As after any bulk load: statistics and visibility map now, and a checkpoint, so that neither
    # an autovacuum of the new rows nor the seeding's checkpoint falls into the measurement.
    psql_ichie -c "VACUUM (ANALYZE) customer, token" -c "CHECKPOINT"
  fi
  local port
  port="$(free_port)"
  (cd "$dir" && exec "$SERVER_JAVA" -jar "$work/ichie-server.jar" --spring.profiles.active=dev \
    --server.address=127.0.0.1 \
    --server.port="$port" "${ds[@]}" "${pool_args[@]}" "${extra_server_args[@]}" \
    >server.log 2>&1) &
  server_pid=$!
  local up=""
  for _ in $(seq 1 180); do
    if curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health"; then up=1; break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
    sleep 0.5
  done
  if [[ -z "$up" ]]; then
    echo "run-load.sh: the server did not start; its log:" >&2
    tail -50 "$dir/server.log" >&2
    exit 1
  fi
  echo "server: $("$SERVER_JAVA" -version 2>&1 | head -1), pid $server_pid, port $port" \
    "${pool_args[*]} ${extra_server_args[*]}"
  machine_state
  generator_status=0
  # In the background, so that Ctrl-C or a TERM stops it and everything else at once.
  if [[ "$KIND" == activation ]]; then
    timeout 900 java -cp "$work/generator:$work/otp:$work/activation:$deps" \
      dev.ichie.bench.load.ActivationLoad --port="$port" --customers="${LOAD_CUSTOMERS:-200}" \
      --label="$db" --out="$work/rows.md" &
  elif [[ "$KIND" == confirm ]]; then
    timeout 900 java -cp "$work/generator:$work/otp:$work/activation:$bcprov" \
      dev.ichie.bench.load.ConfirmLoad --port="$port" --seed-key="$seed_key" \
      --count="${LOAD_CONFIRM_TOKENS:-200}" --levels="$LEVELS" --warmup="$WARMUP" \
      --duration="$DURATION" --server-pid="$server_pid" --label="$db" --out="$work/rows.md" &
  elif [[ "$KIND" == passkey ]]; then
    timeout 900 java -cp "$work/generator" dev.ichie.bench.load.PasskeyLoad \
      --port="$port" --customers="${LOAD_PASSKEYS:-200}" --levels="$LEVELS" \
      --warmup="$WARMUP" --duration="$DURATION" --server-pid="$server_pid" \
      --label="$db" --out="$work/rows.md" &
  else
    timeout 900 java -cp "$work/generator:$work/otp" dev.ichie.bench.load.VerifyLoad \
      --port="$port" --count="$TOKENS" --seed-key="$seed_key" --levels="$LEVELS" \
      --warmup="$WARMUP" --duration="$DURATION" --client="$CLIENT" --server-pid="$server_pid" \
      "${db_pid_arg[@]}" --label="$db" --out="$work/rows.md" &
  fi
  generator_pid=$!
  wait "$generator_pid" || generator_status=$?
  generator_pid=""
  machine_state
  if [[ "$db" == postgres ]]; then
    echo "audit records CODE_VERIFIED/OK written: $(psql_ichie -c \
      "SELECT COUNT(*) FROM audit_event WHERE event = 'CODE_VERIFIED' AND outcome = 'OK'")"
  fi
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  if [[ "$db" == postgres ]]; then
    pg_stop
    pg_stop() { :; }
  fi
  if [[ "$generator_status" != 0 ]]; then
    echo "run-load.sh: the load generator exited with $generator_status" \
      "(3: more than 10 answers in a million were not OK)" >&2
  fi
}

started=$SECONDS
overall=0
for db in "${dbs[@]}"; do
  # run_db is not called in a condition, so that set -e stays in force inside it.
  run_db "$db"
  if [[ "$generator_status" != 0 ]]; then overall="$generator_status"; fi
done

case "$KIND" in
  activation)
    header="| DB | pairs | real p50 ms | real p99 ms | real mean ms | decoy p50 ms | decoy p99 ms | decoy mean ms | decoy/real |"
    rule="| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" ;;
  confirm)
    header="| DB | request | workers | req/s | p50 ms | p90 ms | p99 ms | non-OK rounds | generator CPU | server CPU | server CPU per round |"
    rule="| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" ;;
  passkey)
    header="| DB | conc. | logins/s | p50 ms | p90 ms | p99 ms | non-OK | generator CPU | server CPU | server CPU per login |"
    rule="| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" ;;
  *)
    header="| DB | conc. | req/s | p50 ms | p90 ms | p99 ms | max ms | non-OK | I/O errors | step waits | generator CPU | server CPU | PostgreSQL CPU | machine busy (of 200 %) | other processes |"
    rule="| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |" ;;
esac
{
  echo "$header"
  echo "$rule"
  cat "$work/rows.md" 2>/dev/null || true
} >"$result"
echo
cat "$result"
echo "(in $result; $((SECONDS - started)) s in all)"
exit "$overall"
