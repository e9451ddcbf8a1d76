#!/usr/bin/env bash
# Opens what the officer hands in with a real office suite (LibreOffice, headless,
# to PDF), as the office receiving it would:
# - the year workbook of the example data: every page A4 landscape, far fewer pages
#   than before page setup (54), the column names on every page, and every row of
#   the summary whole on one line (a unit and its four quarters never part);
# - the 9-month Word report: A4 portrait pages holding the title, the period and
#   the figures of the JSON report of the same flags;
# - the Word report of every example plan (the built-in one with its data, and each
#   of examples/plans/) for its third quarter, its first six months and its year,
#   against docs/van-ban.md: A4 portrait, no number on page 1 and "2" atop page 2,
#   the signature and "Nơi nhận" on the page of the body's last paragraph (never a
#   page of their own), each appendix tied to the report and numbered on its own.
# Installs Debian's LibreOffice (Calc, Writer), the Liberation fonts (metric twins of
# Times New Roman) and poppler-utils when missing.
# Leaves the PDFs and pictures of their first pages in target/office/. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v soffice > /dev/null || ! command -v pdftotext > /dev/null \
  || ! dpkg -s libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation2 > /dev/null 2>&1; then
  echo "installing Debian's LibreOffice (Calc, Writer), fonts and poppler-utils for the office test" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends libreoffice-calc-nogui libreoffice-writer-nogui fonts-liberation2 \
    poppler-utils > /dev/null
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
  # The other sheets' headers begin with an id column ("Mã …"), the summary's with
  # "Đơn vị".
  if grep -q "Đơn vị" <<< "$text" && ! grep -Eq "^ *Mã( |$)" <<< "$text"; then
    summary_pages=$((summary_pages + 1))
    grep -q "Quý I/2022" <<< "$text" && grep -q "Quý IV/2022" <<< "$text" \
      || fail "page $page of the summary lacks its quarter columns"
    # Each line with a cell has all four quarters: a cell is "done/required" or "—".
    bad=$(grep -E '[0-9]+/[0-9]+ ' <<< "$text" \
      | awk '{ line = $0; n = gsub(/[0-9]+\/[0-9]+ /, "", line) + gsub(/—/, "", line); if (n != 4) print }')
    [ -z "$bad" ] || fail "page $page splits a row from its quarters:
$bad"
  elif ! grep -Eq "^ *Mã( |$)" <<< "$text"; then
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

# Every example plan, for its third quarter, six months and year.
# check_document NAME FILE.docx: the checklist items a PDF shows.
check_document() {
  local name=$1 docx=$2
  timeout 180 soffice --headless --norestore -env:UserInstallation="file://$PWD/$out/profile" \
    --convert-to pdf --outdir "$out" "$docx" > "$out/soffice-$name.log" 2>&1
  local pdf="${docx%.docx}.pdf"
  [ -s "$pdf" ] || fail "$name: LibreOffice wrote no PDF: $(cat "$out/soffice-$name.log")"
  local pages
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
  # The report, then each appendix on a page of its own: 3 pages at least.
  [ "$pages" -ge 3 ] && [ "$pages" -le 200 ] || fail "$name: $pages pages"
  pdfinfo -f 1 -l "$pages" "$pdf" | awk '/^Page +[0-9]+ size:/ { n++; if ($4 < 594 || $4 > 596 || $6 < 841 || $6 > 843) bad++ }
    END { if (bad || n == 0) exit 1 }' || fail "$name: not every page is A4 portrait"
  local first_line
  first_line=$(pdftotext -f 1 -l 1 -layout "$pdf" - | awk 'NF && !seen { print $1; seen = 1 }')
  [ "$first_line" != "1" ] || fail "$name: page 1 shows its number"
  local signed=0 appendices=0 page text top
  for page in $(seq 1 "$pages"); do
    text=$(pdftotext -f "$page" -l "$page" "$pdf" - | tr -s ' \n' ' ')
    top=$(pdftotext -f "$page" -l "$page" -layout "$pdf" - | awk 'NF && !seen { print $1; seen = 1 }')
    if grep -q "Nơi nhận:" <<< "$text"; then
      signed=$((signed + 1))
      # Kept with the body: the closing paragraph and the signer on the same page.
      grep -q "Trên đây là báo cáo" <<< "$text" \
        || fail "$name: page $page holds the signature without the body's last paragraph"
      grep -Eq "\[Họ và tên\]|Nguyễn" <<< "$text" || fail "$name: page $page lacks the signer"
      # The main report's last page: numbered unless it is the first.
      [ "$page" -eq 1 ] || [ "$top" = "$page" ] || fail "$name: page $page is numbered '$top'"
    fi
    if grep -q "(Kèm theo Báo cáo số" <<< "$text"; then
      appendices=$((appendices + 1))
      grep -q "Phụ lục I" <<< "$text" || fail "$name: page $page has no appendix heading"
      [ "$top" = "Phụ" ] || fail "$name: the appendix on page $page shows a number on its first page"
    fi
  done
  [ "$signed" -eq 1 ] || fail "$name: 'Nơi nhận' on $signed pages"
  [ "$appendices" -eq 2 ] || fail "$name: $appendices appendices tied to the report"
  if [ "$pages" -ge 4 ]; then
    [ "$(pdftotext -f 2 -l 2 -layout "$pdf" - | awk 'NF && !seen { print $1; seen = 1 }')" = "2" ] \
      || [ "$(pdftotext -f 2 -l 2 "$pdf" - | grep -c 'Kèm theo')" -eq 1 ] \
      || fail "$name: page 2 has no number at its top"
  fi
  echo "$name: $pages pages"
}
documents=0
specs=("ham-tan-2022:examples/ham-tan-2022:plan.toml:2022:2023-01-05")
for plan in examples/plans/*.toml; do
  name=$(basename "$plan" .toml)
  year=$(awk '/^end *=/ { print substr($3, 1, 4); exit }' "$plan")
  specs+=("$name:examples/plans/$name:$plan:$year:$year-12-20")
done
for spec in "${specs[@]}"; do
  IFS=: read -r name data plan year as_of <<< "$spec"
  for scope in "quy-3:--quarter $year-Q3" "6-thang:--through $year-Q2" "nam:"; do
    label=${scope%%:*}
    # shellcheck disable=SC2086
    target/debug/cchc --plan "$plan" --data "$data" --as-of "$as_of" report ${scope#*:} \
      --output "$out/$name-$label.docx" 2> /dev/null
    check_document "$name-$label" "$out/$name-$label.docx"
    documents=$((documents + 1))
  done
done
# The built-in plan with every [document] key: its Q3 report ends where, without
# keep-with-next, "Nơi nhận" and the signature would stand alone on page 3.
{ cat plan.toml; cat << 'TOML'

[document]
parent = "UBND tỉnh Bình Thuận"
code = "BC-UBND"
place = "Hàm Tân"
plan_number = "45/KH-UBND"
plan_date = 2022-01-20
to = ["Sở Nội vụ tỉnh Bình Thuận"]
signer_form = "KT."
signer_for = "Chủ tịch"
signer_title = "Phó Chủ tịch"
signer_name = "Nguyễn Văn A"
recipients = ["Thường trực Huyện ủy", "Lưu: VT, NV"]
TOML
} > "$out/plan-document.toml"
target/debug/cchc --plan "$out/plan-document.toml" --data examples/ham-tan-2022 --as-of 2022-10-20 \
  report --quarter 2022-Q3 --output "$out/document-keys-quy-3.docx" 2> /dev/null
check_document document-keys-quy-3 "$out/document-keys-quy-3.docx"
grep -q "KT. CHỦ TỊCH" <<< "$(pdftotext "$out/document-keys-quy-3.pdf" -)" \
  || fail "document-keys-quy-3: no 'KT. CHỦ TỊCH'"
documents=$((documents + 1))
pdftoppm -r 70 -f 1 -l 3 -png "$out/tinh-2026-quy-3.pdf" "$out/tinh-2026-page" 2> /dev/null || true
echo "every example plan: $documents documents in the form of Nghị định 30"
echo "in-libreoffice: 3 passed, 0 failed"
