#!/usr/bin/env bash
# Builds the example REST server and starts it in demo mode: an in-process Proxmox VE simulator
# (two nodes, storage, a Debian template) and an SSH host simulator stand in for a real cluster,
# so every endpoint works without Proxmox. Needs Java 17+ and Maven 3.8+.
#
#   ./demo.sh                 # listens on http://127.0.0.1:8765
#   ./demo.sh --port 9000     # any server option, see --help
#
# Extra Maven options (e.g. -o for offline) go in PROXIMITY_MAVEN_ARGS.
# Users and settings persist in .proximity-demo/ (the simulated cluster starts empty each time).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v java >/dev/null 2>&1; then
  echo "demo.sh: java not found; install a JDK 17 or newer" >&2
  exit 1
fi
if ! command -v mvn >/dev/null 2>&1; then
  echo "demo.sh: mvn not found; install Maven 3.8 or newer" >&2
  exit 1
fi

echo "Building the server (first run downloads dependencies)..." >&2
mvn -B -q ${PROXIMITY_MAVEN_ARGS:-} -DskipTests package -pl examples/server -am >&2

jar=$(ls examples/server/target/proximity-example-server-*-all.jar | head -n 1)
exec java -jar "$jar" --demo --data-dir .proximity-demo "$@"
