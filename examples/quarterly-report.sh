#!/usr/bin/env bash
# The quarterly report in the three forms it is handed in: Markdown (to paste),
# Excel (to attach) and HTML (to print on A4).
#
#   examples/quarterly-report.sh 2022-Q3 [OUTDIR] [cchc global flags...]
#   → OUTDIR/bao-cao-2022-Q3.md, .xlsx, .html
#
# CCHC names the binary (default: cchc on PATH).
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 QUARTER [OUTDIR] [cchc flags...]   e.g. $0 2022-Q3 bao-cao" >&2
  exit 2
fi
quarter=$1
out=${2:-.}
shift $(( $# >= 2 ? 2 : 1 ))
cchc=${CCHC:-cchc}
mkdir -p "$out"
base="$out/bao-cao-$quarter"

"$cchc" "$@" report --quarter "$quarter" --format markdown --output "$base.md"
"$cchc" "$@" report --quarter "$quarter" --format xlsx --output "$base.xlsx"
"$cchc" "$@" report --quarter "$quarter" --format html --output "$base.html"
