#!/usr/bin/env bash
# Footprint: total size of the runtime jars an app needs for usage-rx vs the official SDK (openai-java =
# client-okhttp + core + transitive). Resolves each closure in a throw-away pom (no parent, so the usagekit
# dependencyManagement does not pin the SDK's OkHttp 4 down to 3.14.9) with dependency:build-classpath.
# Needs usage-rx installed in ~/.m2 (./mvnw -B -o install -DskipTests from the root) and, the first time,
# network access for the SDK. Usage: usage-benchmarks/scripts/footprint.sh [openai-java version]
set -euo pipefail
SDK_VERSION="${1:-4.101.0}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

closure() { # name groupId artifactId version
  mkdir -p "$WORK/$1"
  cat > "$WORK/$1/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>footprint</groupId><artifactId>$1</artifactId><version>1</version>
  <dependencies><dependency><groupId>$2</groupId><artifactId>$3</artifactId><version>$4</version></dependency></dependencies>
</project>
POM
  "$ROOT/mvnw" -B -q ${MVN_OFFLINE:-} -f "$WORK/$1/pom.xml" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/$1.cp" >/dev/null
  tr ':' '\n' < "$WORK/$1.cp" | sort > "$WORK/$1.jars"
}

report() { # name
  local total=0
  echo "== $1 runtime closure"
  while read -r jar; do
    size=$(stat -c %s "$jar")
    total=$((total + size))
    printf '%12d  %s\n' "$size" "$(basename "$jar")"
  done < "$WORK/$1.jars"
  printf '%12d  TOTAL (%d jars)\n' "$total" "$(wc -l < "$WORK/$1.jars")"
  eval "TOTAL_$1=$total"
}

closure usagekit dev.usagekit usage-rx 0.1.0-SNAPSHOT
closure sdk com.openai openai-java "$SDK_VERSION"
report usagekit
report sdk
awk -v a="$TOTAL_usagekit" -v b="$TOTAL_sdk" 'BEGIN { printf "usage-rx / openai-java = %d / %d = %.3f (1/%.1f)\n", a, b, a / b, b / a }'
