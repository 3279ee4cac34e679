#!/usr/bin/env bash
# The peer of the dex figures in BENCHMARKS.md: peer/OpenAiApp.java (the official SDK, com.openai:openai-java) shrunk
# by R8 in full mode and dexed for API 26 exactly as ShrunkConsumerTest/DexBudgetTest treat usagekit's apps (AGP's
# default rules, the jars' own consumer rules, android-all of API 26 and the JDK as library). Resolves the SDK's
# closure in a throw-away pom (no parent: usagekit's dependencyManagement would pin its OkHttp 4 and Jackson down).
# Needs the module's test classes: ./mvnw -B verify -Pandroid-check -pl usage-android-check -am -DskipTests first.
# Usage: usage-android-check/scripts/openai-java-dex.sh [openai-java version]
set -euo pipefail
SDK_VERSION="${1:-4.109.0}"
MODULE="$(cd "$(dirname "$0")/.." && pwd)"
ROOT="$(cd "$MODULE/.." && pwd)"
WORK="$MODULE/target/openai-java"
R8_VERSION="$(sed -n 's:.*<r8.version>\(.*\)</r8.version>.*:\1:p' "$MODULE/pom.xml")"
rm -rf "$WORK" && mkdir -p "$WORK/classes"
cat > "$WORK/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>peer</groupId><artifactId>openai-java-peer</artifactId><version>1</version>
  <dependencies><dependency><groupId>com.openai</groupId><artifactId>openai-java</artifactId><version>$SDK_VERSION</version></dependency></dependencies>
</project>
POM
"$ROOT/mvnw" -B -q ${MVN_OFFLINE:-} -f "$WORK/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$WORK/sdk-classpath.txt" >/dev/null
SDK_CP="$(cat "$WORK/sdk-classpath.txt")"
javac --release 8 -nowarn -d "$WORK/classes" -cp "$SDK_CP" "$MODULE/peer/OpenAiApp.java"
R8_JAR="$HOME/.m2/repository/com/android/tools/r8/$R8_VERSION/r8-$R8_VERSION.jar"
time java -Xmx2g -cp "$R8_JAR:$MODULE/target/test-classes" \
  -Dusagekit.appClasses="$WORK/classes" -Dusagekit.androidLibrary="$MODULE/target/android-library.txt" \
  -Dusagekit.outputDirectory="$WORK/r8" -Dusagekit.r8.version="$R8_VERSION" \
  dev.usagekit.androidcheck.Shrinker openai-java dev.usagekit.androidcheck.peer.OpenAiApp full dex $(tr ':' ' ' < "$WORK/sdk-classpath.txt")
