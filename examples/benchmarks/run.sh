#!/usr/bin/env bash
# Builds the SDK and runs the scenario benchmarks; prints Markdown tables (docs/performance.md).
#   examples/benchmarks/run.sh            # full run
#   examples/benchmarks/run.sh --quick    # fewer iterations, smaller scenarios
#   examples/benchmarks/run.sh --only deploys   # one scenario: client, listing, task-waits, ssh or deploys
#   examples/benchmarks/run.sh --jmh          # the JMH client-overhead benchmarks with -prof gc (a few minutes)
#   examples/benchmarks/run.sh --jmh --quick  # JMH smoke run, one short iteration each
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q ${PROXIMITY_MAVEN_ARGS:-} -DskipTests -Dmaven.javadoc.skip=true -pl examples/benchmarks -am \
  package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
main=dev.proximity.examples.benchmarks.ScenarioBenchmarks
if [[ "${1:-}" == "--jmh" ]]; then
  main=dev.proximity.examples.benchmarks.JmhBenchmarks
  shift
fi
exec java -Xmx4g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "examples/benchmarks/target/classes:$(cat examples/benchmarks/target/classpath.txt)" \
  "$main" "$@"
