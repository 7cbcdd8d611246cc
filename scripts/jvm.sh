# The JVM settings a deployment of the server should use, shared by scripts/run.sh and
# scripts/startup-bench.sh. Source it, then call: prepare_fast_start JAVA JAR
# It sets FAST_JAR (the jar extracted next to its libraries, which class-data sharing needs) and
# FAST_OPTS (heap bounds, the serial collector, and the class-data archive: the AOT cache on
# JDK 25 or later, a CDS archive before), made by one training start the first time, plus Spring
# AOT's generated context for the development defaults.
JVM_HEAP_OPTS=(-Xms64m -Xmx256m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m
  -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=32m)
# The development defaults also start the context Spring AOT generated at build time (server/pom.xml,
# process-aot, for the dev profile); the server refuses it with other settings (AotSettings).
SPRING_AOT_OPTS=(-Dspring.aot.enabled=true)

# The class-data archive never holds the classes of a signed jar, and the JVM reads and checks a
# signed jar's signature and per-entry digests at every start (0.8 MB of them for Bouncy Castle's,
# the only signed one). Its extracted copy is made again without them, entry for entry: the same
# classes, unsigned. Ichie uses Bouncy Castle's classes directly, never as a JCE provider, the one
# use that needs the signature. Needs the JDK's jar tool; without it the jars stay as they are.
unsign_extracted_jars() {
  local jar_tool lib="$2" jar work
  jar_tool="$(dirname "$1")/jar"
  [[ -x "$jar_tool" ]] || return 0
  for jar in "$lib"/*.jar; do
    # A zip stores its entries' names in plain text: a signed jar holds META-INF/<name>.SF.
    LC_ALL=C grep -qaE 'META-INF/[A-Za-z0-9_-]+\.SF' "$jar" || continue
    work="$(mktemp -d /tmp/ichie-unsign.XXXXXX)"
    mkdir "$work/x"
    if (cd "$work/x" && "$jar_tool" -xf "$jar"); then
      rm -f "$work"/x/META-INF/*.SF "$work"/x/META-INF/*.RSA "$work"/x/META-INF/*.DSA "$work"/x/META-INF/*.EC
      # The manifest's main section: up to its first empty line; the per-entry digests follow it.
      awk '{ line = $0; sub(/\r$/, "", line); if (line == "") exit; print }' \
        "$work/x/META-INF/MANIFEST.MF" >"$work/main.mf"
      rm -f "$work/x/META-INF/MANIFEST.MF"
      "$jar_tool" --create --file "$work/unsigned.jar" --manifest "$work/main.mf" -C "$work/x" . &&
        mv "$work/unsigned.jar" "$jar"
    fi
    rm -rf "$work"
  done
}

# The feature version of a java (17, 25, …), from its own settings.
java_feature() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}'
}

prepare_fast_start() {
  local java="$1" jar="$2" feature out dir
  feature="$(java_feature "$java")"
  out="$(dirname "$jar")/fast-start"
  dir="$out/jdk$feature"
  FAST_JAR="$dir/app/$(basename "$jar")"
  if [[ ! -f "$FAST_JAR" || "$jar" -nt "$FAST_JAR" ]]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    "$java" -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >/dev/null
    unsign_extracted_jars "$java" "$dir/app/lib"
  fi
  local archive train
  if ((feature >= 25)); then
    archive="$dir/app.aot"
    train=(-XX:AOTCacheOutput="$archive")
    FAST_OPTS=("${JVM_HEAP_OPTS[@]}" "${SPRING_AOT_OPTS[@]}" -XX:AOTCache="$archive")
  else
    archive="$dir/app.jsa"
    train=(-XX:ArchiveClassesAtExit="$archive")
    FAST_OPTS=("${JVM_HEAP_OPTS[@]}" "${SPRING_AOT_OPTS[@]}" -XX:SharedArchiveFile="$archive" -Xshare:auto)
  fi
  if [[ ! -f "$archive" ]]; then
    # The training start: the server starts, answers its own health check once (TrainingRun), then
    # the JVM exits and writes the archive. It runs in a folder of its own, so no demo data is left
    # behind.
    local work
    work="$(mktemp -d /tmp/ichie-train.XXXXXX)"
    (cd "$work" && "$java" "${JVM_HEAP_OPTS[@]}" "${SPRING_AOT_OPTS[@]}" "${train[@]}" \
      -jar "$FAST_JAR" --spring.profiles.active=dev --server.port=0 --server.address=127.0.0.1 \
      --ichie.training-run=true \
      >"$dir/training.log" 2>&1) || true
    rm -rf "$work"
    if [[ ! -f "$archive" ]]; then
      echo "jvm.sh: no class-data archive made (see $dir/training.log); starting without" >&2
      FAST_OPTS=("${JVM_HEAP_OPTS[@]}" "${SPRING_AOT_OPTS[@]}")
    fi
  fi
}
