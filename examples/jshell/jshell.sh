#!/bin/sh
# jshell.sh: start jshell with the Proximity SDK on the class path and proximity.jsh loaded.
#
#   examples/jshell/jshell.sh                       # interactive; then: var px = demo();
#   examples/jshell/jshell.sh scripts/deploy-and-inspect.jsh
#
# The class path comes from Maven (dependency:build-classpath, written to target/classpath.txt
# when the module is packaged); it is rebuilt when missing or older than a pom.xml. Set
# MAVEN_ARGS (e.g. "-o") to pass options to that build, JAVA_HOME to pick the JDK.
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cp_file="$here/target/classpath.txt"

stale=no
if [ ! -f "$cp_file" ]; then
  stale=yes
else
  for pom in "$root/pom.xml" "$here/pom.xml"; do
    if [ "$pom" -nt "$cp_file" ]; then stale=yes; fi
  done
fi
if [ "$stale" = yes ]; then
  echo "jshell.sh: building the SDK class path (mvn package -pl examples/jshell -am)..." >&2
  # shellcheck disable=SC2086
  (cd "$root" && mvn -B -q $MAVEN_ARGS package -DskipTests -pl examples/jshell -am) >&2
fi

class_path="$(cat "$cp_file")"
for jar in "$here"/target/proximity-example-jshell-*.jar; do
  if [ -f "$jar" ]; then class_path="$class_path:$jar"; fi
done

if [ -n "$JAVA_HOME" ]; then
  jshell="$JAVA_HOME/bin/jshell"
else
  jshell=jshell
fi
exec "$jshell" --class-path "$class_path" \
  -R-Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  --startup DEFAULT --startup "$here/proximity.jsh" "$@"
