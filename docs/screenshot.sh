#!/bin/sh
# Makes docs/report.png, the README's picture of `usage-report demo --format html`.
#
# Needs Java and Debian's chromium (apt-get install -y chromium); the build and the tests do not.
# The demo's 30 days end today (UTC), so the dates in the picture are those of the day it was made.
set -eu
cd "$(dirname "$0")/.."
if [ ! -f usage-cli/target/usage-report.jar ]; then
  ./mvnw -B -q package -DskipTests
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -jar usage-cli/target/usage-report.jar demo --format html --output "$work/report.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
  --user-data-dir="$work/profile" --screenshot=docs/report.png --window-size=1280,1960 \
  "file://$work/report.html"
ls -l docs/report.png
