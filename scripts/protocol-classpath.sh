# Sourced by scripts/generate-vectors and scripts/bench-protocol: compiles the protocol module's main
# and test classes (tests are not run) and sets PROTOCOL_CP to run a class from them with plain java.
# Maven's output is kept out of the way unless it fails.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cp_file="$root/protocol/target/test-classpath.txt"
log="$(mktemp)"
if ! mvn -B -q -f "$root/pom.xml" -pl protocol test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "build failed" >&2
  exit 1
fi
rm -f "$log"
PROTOCOL_CP="$root/protocol/target/test-classes:$root/protocol/target/classes:$(cat "$cp_file")"
export PROTOCOL_CP
