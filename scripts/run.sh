#!/usr/bin/env bash
# Builds the server with the token app inside it (tests skipped) if needed, and runs it on its
# development defaults in the current folder: H2 database and vault key store under ./data, the
# demo service, demo customers and demo staff, port 8080. Extra arguments go to the server, e.g.
# --server.port=9090.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/dist/target/ichie-server.jar"
if [[ ! -f "$JAR" || -n "$(find "$ROOT" -path '*/src/main/*' -newer "$JAR" -print -quit)" ]]; then
  (cd "$ROOT" && ./mvnw -q -B -ntp package -Dmaven.test.skip=true -pl dist -am)
fi
# The deployment's JVM settings (scripts/jvm.sh): heap bounds, the serial collector and a
# class-data archive (JDK 25's AOT cache, or CDS before), made by one training start the first time.
source "$ROOT/scripts/jvm.sh"
# The Java named by JAVA, else the newest installed (17 or later): from JDK 25 the class-data
# archive is the AOT cache, the fastest start (docs/benchmarks.md, "Start-up and memory").
newest_java() {
  local best="" best_version=0 candidate version
  for candidate in "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [[ -x "$candidate" ]] || continue
    version="$(java_feature "$candidate")"
    if [[ "$version" =~ ^[0-9]+$ ]] && ((version > best_version)); then
      best="$candidate"
      best_version="$version"
    fi
  done
  echo "$best"
}
JAVA="${JAVA:-$(newest_java)}"
if [[ -z "$JAVA" ]]; then
  echo "scripts/run.sh: no Java found (install JDK 17 or later, or set JAVA)" >&2
  exit 1
fi
echo "scripts/run.sh: $("$JAVA" -XshowSettings:properties -version 2>&1 |
  awk -F'= ' '/java.runtime.version/{print "Java " $2}') ($JAVA)"
prepare_fast_start "$JAVA" "$JAR"
exec "$JAVA" "${FAST_OPTS[@]}" -jar "$FAST_JAR" --spring.profiles.active=dev "$@"
