#!/usr/bin/env bash
# Runs the TVM-llvm vs CPU backend benchmark (io.recurbench.tvm.bench.TvmVsCpuBenchmark) on this
# machine. Builds the tvm module and its dependencies first (tests skipped), makes sure the TVM venv
# exists, then runs with the JDK the launcher finds. Arguments go to the benchmark:
#   tvm/bench.sh [batch seq dim hidden [rounds]]      (default 64 81 128 512 7)
#   tvm/bench.sh --jmh [JMH options]                  (JMH: io.recurbench.tvm.bench.MlpBlockJmh)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA_HOME="$("$ROOT/recurbench" java-home)"
export JAVA_HOME
CP_FILE="$ROOT/tvm/target/bench.classpath"
# One reactor invocation, so the engine/api jars resolve from the reactor (the tvm module runs last
# and leaves its classpath in CP_FILE).
"$ROOT/mvnw" -f "$ROOT/pom.xml" -B -ntp -q -pl tvm -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="$ROOT/tvm/target/classes:$(cat "$CP_FILE")"
if [[ "${1:-}" == "--jmh" ]]; then
  shift
  exec "$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main MlpBlockJmh \
    -jvmArgsPrepend "-Drecurbench.home=$ROOT" "$@"
fi
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx4g \
  -Drecurbench.home="$ROOT" -cp "$CP" \
  io.recurbench.tvm.bench.TvmVsCpuBenchmark "$@"
