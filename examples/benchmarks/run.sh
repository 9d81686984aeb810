#!/usr/bin/env bash
# Builds the SDK and runs the scenario benchmarks; prints Markdown tables (docs/performance.md).
#   examples/benchmarks/run.sh            # full run
#   examples/benchmarks/run.sh --quick    # fewer iterations, smaller scenarios
#   examples/benchmarks/run.sh --listing  # only the px.apps() listing over 10,000 containers
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q ${PROXIMITY_MAVEN_ARGS:-} -DskipTests -Dmaven.javadoc.skip=true -pl examples/benchmarks -am \
  package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
exec java -Xmx4g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "examples/benchmarks/target/classes:$(cat examples/benchmarks/target/classpath.txt)" \
  dev.proximity.examples.benchmarks.ScenarioBenchmarks "$@"
