#!/bin/sh
# Makes docs/report.png, the README's picture of `usage-report demo --format html` (or the file given as $1;
# .ci/screenshot makes one to compare with the committed picture).
#
# Needs Java and Debian's chromium (apt-get install -y chromium); the build and the tests do not.
# The page is the demo's as of DAY (its 30 days end the day before), so the picture is the same whenever it is made
# (dev.usagekit.cli.DemoPage, in usage-cli's test classes, runs the report tool with that day's clock).
set -eu
cd "$(dirname "$0")/.."
DAY=2026-12-07
out=${1:-docs/report.png}
if [ ! -f usage-cli/target/usage-report.jar ] || [ ! -f usage-cli/target/test-classes/dev/usagekit/cli/DemoPage.class ]; then
  ./mvnw -B -q package -DskipTests -pl usage-cli -am
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -cp usage-cli/target/test-classes:usage-cli/target/usage-report.jar dev.usagekit.cli.DemoPage "$DAY" \
  "$work/report.html" 2>/dev/null
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
  --user-data-dir="$work/profile" --screenshot="$work/report.png" --window-size=1280,1960 \
  "file://$work/report.html" >/dev/null 2>&1
mv "$work/report.png" "$out"
ls -l "$out"
