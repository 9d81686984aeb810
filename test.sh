#!/usr/bin/env bash
# Runs every test: unit tests, integration tests (real OpenSSH, jshell, browser where installed),
# then builds and tests the standalone Maven consumer against the freshly installed artifacts.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -ntp install
if [ -f examples/maven-consumer/pom.xml ]; then
  mvn -B -ntp -f examples/maven-consumer/pom.xml verify
fi
