#!/usr/bin/env bash
# Start-up and memory of the server jar: for each JVM setting, starts the jar on its development
# defaults in a fresh folder, measures the time from launch to the first healthy answer and the
# resident memory (VmRSS) after start and after a load of web and API requests, then stops it and
# starts it again in the same folder (a restart: no migrations, the demo data already there).
# Usage: bash scripts/startup-bench.sh [runs per setting, default 3]
# Settings: JDK 17 and JDK 25 (JAVA25, default /usr/lib/jvm/temurin-25-jdk-amd64), each with the
# JVM's defaults and with scripts/run.sh's settings (its heap bounds, class-data sharing or the
# AOT cache on JDK 25, and the context Spring AOT generated at build time).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-3}"
JAR="$ROOT/dist/target/ichie-server.jar"
JAVA17="${JAVA17:-$(command -v java)}"
JAVA25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
[[ -f "$JAR" ]] || (cd "$ROOT" && ./mvnw -q -B -ntp package -Dmaven.test.skip=true -pl dist -am)
source "$ROOT/scripts/jvm.sh"

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_mb() { awk '/VmRSS/{printf "%.0f", $2/1024}' "/proc/$1/status"; }

load() { # $1 port: 600 web pages and 600 API calls, 4 at a time
  python3 - "$1" <<'PY'
import sys, urllib.request, concurrent.futures
port = sys.argv[1]
def one(i):
    if i % 2:
        req = urllib.request.Request(f"http://127.0.0.1:{port}/netbank/login")
    else:
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/customers/taro/token",
                                     headers={"X-API-Key": "demo-api-key-change-me"})
    try:
        urllib.request.urlopen(req, timeout=30).read()
    except Exception:
        pass
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    list(pool.map(one, range(1200)))
PY
}

start_once() { # $1 label, $2 folder, $3 java, rest: JVM options and the jar arguments
  local label="$1" dir="$2" java="$3"; shift 3
  local p pid start ms after loaded
  p="$(port)"
  start=$(date +%s%N)
  (cd "$dir" && exec "$java" "$@" --spring.profiles.active=dev --server.port="$p" \
    --server.address=127.0.0.1 >"$dir/log" 2>&1) &
  pid=$!
  until curl -fs "http://127.0.0.1:$p/actuator/health" 2>/dev/null | grep -q UP; do
    kill -0 "$pid" 2>/dev/null || { echo "$label: the server stopped" >&2; tail -20 "$dir/log" >&2; return 1; }
    sleep 0.05
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 2
  after=$(rss_mb "$pid")
  load "$p"
  loaded=$(rss_mb "$pid")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%d\t%d\t%d' "$ms" "$after" "$loaded"
}

measure() { # $1 label, rest as start_once: a first start in a fresh folder, then a restart there
  local label="$1" dir first again; shift
  dir="$(mktemp -d /tmp/ichie-startup.XXXXXX)"
  first="$(start_once "$label" "$dir" "$@")"
  again="$(start_once "$label" "$dir" "$@")"
  rm -rf "$dir"
  printf '%s\t%s\t%s\n' "$label" "$first" "$again"
}

echo -e "setting\tfirst start: ms to healthy\tRSS MB after start\tafter load\trestart: ms to healthy\tRSS MB after start\tafter load"
for ((r = 1; r <= RUNS; r++)); do
  measure "JDK 17, JVM defaults" "$JAVA17" -jar "$JAR"
  prepare_fast_start "$JAVA17" "$JAR"
  measure "JDK 17, run.sh (heap bounds, CDS, Spring AOT)" "$JAVA17" "${FAST_OPTS[@]}" -jar "$FAST_JAR"
  if [[ -x "$JAVA25" ]]; then
    measure "JDK 25, JVM defaults" "$JAVA25" -jar "$JAR"
    prepare_fast_start "$JAVA25" "$JAR"
    measure "JDK 25, run.sh (heap bounds, AOT cache, Spring AOT)" "$JAVA25" "${FAST_OPTS[@]}" -jar "$FAST_JAR"
  fi
done
