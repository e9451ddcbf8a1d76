#!/usr/bin/env bash
# `cchc check` on a plan of many units with a weekly rule and no records: every
# week of every unit is missed (issue #23 finding 6: 16,000 units took > 25 s when
# the missed weeks were gathered by a scan per unit). Prints the wall time and the
# lines written, for the text and JSON formats.
#
#   bench/check-many-units.sh              16000 units, as of 1 March 2022
#   UNITS=4000 AS_OF=2022-12-31 CCHC=target/release/cchc bench/check-many-units.sh
set -euo pipefail
cd "$(dirname "$0")/.."
units=${UNITS:-16000}
as_of=${AS_OF:-2022-03-01}
cchc=${CCHC:-}
if [ -z "$cchc" ]; then
  cargo build --release --locked --bin cchc 2> /dev/null
  cchc=$PWD/target/release/cchc
fi
dir=${BENCH_DIR:-$PWD/target/bench}/units$units
mkdir -p "$dir/data"
plan=$dir/plan.toml
if [ ! -s "$plan" ]; then
  {
    printf '[plan]\ntitle = "Bench"\nissuer = "Bench"\nstart = 2022-01-01\nend = 2022-12-31\n\n'
    for i in $(seq 1 "$units"); do
      printf '[[unit]]\nid = "u%d"\nname = "Đơn vị %d"\nkind = "xa"\n\n' "$i" "$i"
    done
    printf '[[rule]]\nid = "tuan"\ntitle = "Mỗi tuần một tin"\nkinds = ["xa"]\n'
    printf 'record = "article"\nevery = "week"\nmin = 1\n'
  } > "$plan"
fi
for format in text json; do
  start=$(date +%s.%N)
  lines=$("$cchc" --plan "$plan" --data "$dir/data" --as-of "$as_of" check --format "$format" 2> /dev/null | wc -l || true)
  end=$(date +%s.%N)
  printf 'check --format %-4s  %6d units  as of %s  %6.2f s  %7d lines\n' \
    "$format" "$units" "$as_of" "$(awk "BEGIN { print $end - $start }")" "$lines"
done
