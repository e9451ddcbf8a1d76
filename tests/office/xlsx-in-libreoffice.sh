#!/usr/bin/env bash
# Prints the year workbook of the example data through LibreOffice (headless, to
# PDF), as an office that receives it would: every page A4 landscape, far fewer
# pages than before page setup (54), the column names on every page, and every
# row of the summary whole on one line: a unit and its four quarters never part.
# Installs Debian's LibreOffice Calc and poppler-utils when missing. Leaves the PDF
# and a picture of page 1 in target/office/. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v soffice > /dev/null || ! command -v pdftotext > /dev/null; then
  echo "installing Debian's LibreOffice Calc and poppler-utils for the office test" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends libreoffice-calc-nogui poppler-utils > /dev/null
fi
cargo build --locked --quiet --bin cchc
out=target/office
rm -rf "$out" && mkdir -p "$out"
target/debug/cchc --data examples/ham-tan-2022 --as-of 2023-01-05 report --format xlsx --output "$out/bao-cao.xlsx"
timeout 180 soffice --headless --norestore -env:UserInstallation="file://$PWD/$out/profile" \
  --convert-to pdf --outdir "$out" "$out/bao-cao.xlsx" > "$out/soffice.log" 2>&1
pdf="$out/bao-cao.pdf"

fail() { echo "xlsx-in-libreoffice: $*" >&2; exit 1; }
[ -s "$pdf" ] || fail "LibreOffice wrote no PDF: $(cat "$out/soffice.log")"
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
[ "$pages" -ge 3 ] && [ "$pages" -le 20 ] || fail "the workbook prints on $pages pages"
# A4 landscape is 842 × 595 points, on every page.
pdfinfo -f 1 -l "$pages" "$pdf" | awk '/^Page +[0-9]+ size:/ { n++; if ($4 < 841 || $4 > 843 || $6 < 594 || $6 > 596) bad++ }
  END { if (bad || n == 0) exit 1 }' || fail "not every page is A4 landscape: $(pdfinfo -f 1 -l "$pages" "$pdf" | grep size)"

summary_pages=0
for page in $(seq 1 "$pages"); do
  text=$(pdftotext -layout -f "$page" -l "$page" "$pdf" -)
  grep -q "Trang $page/$pages" <<< "$text" || fail "page $page has no page number"
  if grep -q "Đơn vị" <<< "$text"; then
    summary_pages=$((summary_pages + 1))
    grep -q "Quý I/2022" <<< "$text" && grep -q "Quý IV/2022" <<< "$text" \
      || fail "page $page of the summary lacks its quarter columns"
    # Each line with a cell has all four quarters: a cell is "done/required" or "—".
    bad=$(grep -E '[0-9]+/[0-9]+ ' <<< "$text" \
      | awk '{ line = $0; n = gsub(/[0-9]+\/[0-9]+ /, "", line) + gsub(/—/, "", line); if (n != 4) print }')
    [ -z "$bad" ] || fail "page $page splits a row from its quarters:
$bad"
  elif ! grep -q "unit_name\|record" <<< "$text"; then
    fail "page $page repeats no column names"
  fi
done
[ "$summary_pages" -ge 1 ] || fail "no page holds the summary"
pdftoppm -r 70 -f 1 -l 1 -png "$pdf" "$out/page" 2> /dev/null || true
echo "the year workbook: $pages A4 landscape pages ($summary_pages of summary), every row whole"
echo "xlsx-in-libreoffice: 1 passed, 0 failed"
