#!/usr/bin/env bash
# Renders the HTML report of the example data in headless Chromium: it must load
# without console errors, hold its SVG charts, and print on A4 portrait. Leaves a
# screenshot in target/browser/report.png to look at. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium > /dev/null; then
  echo "installing Debian's chromium for the browser test" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
fi
cargo build --locked --quiet --bin cchc
out=target/browser
rm -rf "$out" && mkdir -p "$out"
target/debug/cchc --data examples/ham-tan-2022 --as-of 2023-01-05 report --format html --output "$out/report.html"

chrome=(chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir="$PWD/$out/profile" --enable-logging=stderr --v=0)
url="file://$PWD/$out/report.html"

timeout 120 "${chrome[@]}" --hide-scrollbars --window-size=794,1400 --screenshot="$out/report.png" "$url" 2> "$out/screenshot.log"
timeout 120 "${chrome[@]}" --dump-dom "$url" > "$out/dom.html" 2> "$out/dom.log"
timeout 120 "${chrome[@]}" --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "$url" 2> "$out/pdf.log"

fail() { echo "html-in-chromium: $*" >&2; exit 1; }
[ -s "$out/report.png" ] || fail "no screenshot"
[ "$(stat -c %s "$out/report.png")" -gt 20000 ] || fail "the screenshot is nearly empty"
# The page has no scripts: any console message at all is an error (a failed load, a bad resource).
if grep -h "CONSOLE" "$out"/*.log; then fail "console messages"; fi
svgs=$(grep -o "<svg" "$out/dom.html" | wc -l)
[ "$svgs" -ge 2 ] || fail "the page has $svgs SVG charts"
grep -q "Phát thanh\|phát sóng" "$out/dom.html" || fail "the weekly strip's heading is missing"
# A4 portrait is 595 × 842 points, on every page.
pages=$(grep -ao "MediaBox \[[^]]*\]" "$out/report.pdf" | tr -d '[]' | awk '{ if ($4 < 594 || $4 > 596 || $5 < 841 || $5 > 843) bad++; n++ } END { if (bad || !n) exit 1; print n }') \
  || fail "the PDF is not A4 portrait"
echo "the report page: $svgs SVG charts, $pages A4 pages, no console messages; screenshot $out/report.png"
echo "html-in-chromium: 1 passed, 0 failed"
