#!/usr/bin/env bash
# The quarterly report in the forms it is handed in: the Word document to sign,
# Markdown (to paste), Excel (to attach and print) and HTML (to print on A4).
#
#   examples/quarterly-report.sh 2022-Q3 [OUTDIR] [cchc global flags...]
#   → OUTDIR/bao-cao-2022-Q3.docx, .md, .xlsx, .html      (that quarter)
#   examples/quarterly-report.sh --through 2022-Q3 [OUTDIR] [cchc global flags...]
#   → OUTDIR/bao-cao-den-2022-Q3.docx, .md, .xlsx, .html  (the 9-month report:
#     from the plan's start to the end of Q3; 2022-Q2 for 6 months, 2022-Q4 the year)
#
# CCHC names the binary (default: cchc on PATH).
set -euo pipefail
period=(--quarter)
name=bao-cao-
if [ "${1:-}" = "--through" ]; then
  period=(--through)
  name=bao-cao-den-
  shift
fi
if [ $# -lt 1 ]; then
  if [ "${CCHC_LANG:-vi}" = en ]; then
    echo "usage: $0 [--through] QUARTER [OUTDIR] [cchc flags...]   e.g. $0 2022-Q3 bao-cao" >&2
  else
    echo "cách dùng: $0 [--through] QUÝ [THƯ-MỤC] [tùy chọn của cchc...]   ví dụ: $0 2022-Q3 bao-cao" >&2
  fi
  exit 2
fi
quarter=$1
out=${2:-.}
shift $(( $# >= 2 ? 2 : 1 ))
cchc=${CCHC:-cchc}
mkdir -p "$out"
base="$out/$name$quarter"

"$cchc" "$@" report "${period[@]}" "$quarter" --format docx --output "$base.docx"
"$cchc" "$@" report "${period[@]}" "$quarter" --format markdown --output "$base.md"
"$cchc" "$@" report "${period[@]}" "$quarter" --format xlsx --output "$base.xlsx"
"$cchc" "$@" report "${period[@]}" "$quarter" --format html --output "$base.html"
