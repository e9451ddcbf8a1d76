#!/usr/bin/env bash
# Opens what the officer hands in with a real office suite (LibreOffice, headless,
# to PDF), as the office receiving it would:
# - the year workbook of the example data: every page A4 landscape, far fewer pages
#   than before page setup (54), the column names on every page, and every row of
#   the summary whole on one line (a unit and its four quarters never part);
# - the 9-month Word report: A4 portrait pages holding the title, the period and
#   the figures of the JSON report of the same flags.
# Installs Debian's LibreOffice (Calc, Writer) and poppler-utils when missing.
# Leaves the PDFs and pictures of their first pages in target/office/. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v soffice > /dev/null || ! command -v pdftotext > /dev/null \
  || ! dpkg -s libreoffice-writer-nogui libreoffice-calc-nogui > /dev/null 2>&1; then
  echo "installing Debian's LibreOffice (Calc, Writer) and poppler-utils for the office test" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils > /dev/null
fi
cargo build --locked --quiet --bin cchc
out=target/office
rm -rf "$out" && mkdir -p "$out"
target/debug/cchc --data examples/ham-tan-2022 --as-of 2023-01-05 report --format xlsx --output "$out/bao-cao.xlsx"
timeout 180 soffice --headless --norestore -env:UserInstallation="file://$PWD/$out/profile" \
  --convert-to pdf --outdir "$out" "$out/bao-cao.xlsx" > "$out/soffice.log" 2>&1
pdf="$out/bao-cao.pdf"

fail() { echo "in-libreoffice: $*" >&2; exit 1; }
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

# The 9-month report as a Word document.
cchc=(target/debug/cchc --data examples/ham-tan-2022 --as-of 2022-10-20)
"${cchc[@]}" report --through 2022-Q3 --format docx --output "$out/bao-cao-9-thang.docx" 2> /dev/null
timeout 180 soffice --headless --norestore -env:UserInstallation="file://$PWD/$out/profile" \
  --convert-to pdf --outdir "$out" "$out/bao-cao-9-thang.docx" > "$out/soffice-docx.log" 2>&1
pdf="$out/bao-cao-9-thang.pdf"
[ -s "$pdf" ] || fail "LibreOffice wrote no PDF of the document: $(cat "$out/soffice-docx.log")"
doc_pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
pdfinfo -f 1 -l "$doc_pages" "$pdf" | awk '/^Page +[0-9]+ size:/ { n++; if ($4 < 594 || $4 > 596 || $6 < 841 || $6 > 843) bad++ }
  END { if (bad || n == 0) exit 1 }' || fail "not every page of the document is A4 portrait"
# Justified lines gain spaces inside words in pdftotext: compare without spaces.
squeeze() { tr -d ' \n'; }
first=$(pdftotext -f 1 -l 2 "$pdf" - | squeeze)
# The overall figures of the JSON report (pretty-printed: one key per line).
overall=$("${cchc[@]}" report --through 2022-Q3 --format json \
  | awk '/"overall": \{/ { on = 1; next } on && /\}/ { exit } on { gsub(/[",]/, ""); print }')
figure() { awk -v k="$1:" '$1 == k { print $2 }' <<< "$overall"; }
ended=$(figure ended) met=$(figure met) late=$(figure late) missed=$(figure missed)
[ -n "$ended" ] && [ -n "$missed" ] || fail "no overall figures in the JSON report"
for want in "BÁO CÁO" "9 tháng đầu năm 2022" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" \
  "Hàm Tân, ngày 20 tháng 10 năm 2022" \
  "Trong kỳ có $ended chỉ tiêu đã đến hạn: $met đạt đúng hạn, $late trễ hạn, $missed không đạt"; do
  grep -qF "$(squeeze <<< "$want")" <<< "$first" || fail "the document's first pages lack: $want"
done
pdftoppm -r 70 -f 1 -l 1 -png "$pdf" "$out/document-page" 2> /dev/null || true
echo "the 9-month report: $doc_pages A4 portrait pages with its title, period and figures"
echo "in-libreoffice: 2 passed, 0 failed"
