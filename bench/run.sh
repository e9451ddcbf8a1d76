#!/usr/bin/env bash
# Benchmarks cchc on generated data for the built-in plan, and hledger's budget
# report on the same articles. Prints a Markdown table: median wall time (hyperfine)
# and peak RSS (/usr/bin/time). Needs hyperfine and hledger (Debian packages).
#
#   bench/run.sh            10k, 100k and 1M articles
#   BENCH_SIZES="10000" bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in hyperfine /usr/bin/time python3; do
  command -v "$tool" > /dev/null || { echo "bench/run.sh needs $tool (apt-get install hyperfine time)" >&2; exit 2; }
done
cargo build --release --locked --bin cchc --example gen 2> /dev/null
cchc=$PWD/target/release/cchc
gen=$PWD/target/release/examples/gen
dir=${BENCH_DIR:-$PWD/target/bench}
sizes=${BENCH_SIZES:-"10000 100000 1000000"}
as_of=2023-01-05
mkdir -p "$dir"

# median_ms JSON: the median of a hyperfine export, in milliseconds.
median_ms() { python3 -c 'import json,sys; print("%.0f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$1"; }
# peak_mb CMD...: the peak RSS of one run, in MB.
peak_mb() { /usr/bin/time -f %M "$@" 2>&1 > /dev/null | tail -n 1 | awk '{printf "%.1f", $1/1024}'; }

rows=()
measure() { # name records prepare command (one shell command line)
  local name=$1 records=$2 prepare=$3 command=$4
  local json; json=$(mktemp)
  local args=(--style none --warmup 2 --runs 10 --export-json "$json")
  [ -n "$prepare" ] && args+=(--prepare "$prepare")
  hyperfine "${args[@]}" "$command" > /dev/null
  [ -n "$prepare" ] && eval "$prepare"
  rows+=("| $name | $records | $(median_ms "$json") | $(peak_mb bash -c "$command") |")
  rm -f "$json"
}

for n in $sizes; do
  [ -s "$dir/a$n/articles.jsonl" ] || "$gen" bulk "$dir/a$n" "$n"
  # The same articles under a plan with channels, a cut-off day and a together rule.
  measure "cchc report (second-edition plan)" "$n" "" "$cchc --plan bench/plan-second-edition.toml --data $dir/a$n --as-of $as_of report > /dev/null"
  for args in "report" "report --format json" "check --format json"; do
    # check exits 1 when something is missed; that is its answer, not a failure.
    measure "cchc $args" "$n" "" "$cchc --plan builtin --data $dir/a$n --as-of $as_of $args > /dev/null || [ \$? = 1 ]"
  done
done
if [ -s "$dir/a100000/articles.jsonl" ]; then
  # The copy is flushed first: log's own sync_data should not pay for cp's writes.
  measure "cchc log article (100k store, fresh copy each run)" 100000 \
    "rm -rf $dir/log && cp -r $dir/a100000 $dir/log && sync $dir/log/articles.jsonl" \
    "$cchc --plan builtin --data $dir/log --as-of $as_of log article --unit noi-vu --date 2022-05-05 --title Bench 2> /dev/null"
  # 100,000 rows of a workbook (Vietnamese headers, date cells) into a 100k store.
  [ -s "$dir/imp100k.xlsx" ] || "$gen" xlsx "$dir/imp100k.xlsx" 100000
  measure "cchc import 100k-row .xlsx (100k store, fresh copy each run)" 100000 \
    "rm -rf $dir/imp && cp -r $dir/a100000 $dir/imp && sync $dir/imp/articles.jsonl" \
    "$cchc --plan builtin --data $dir/imp --as-of $as_of import $dir/imp100k.xlsx --record article > /dev/null 2>&1"
  # The portal's feed of 1,000 items (from a file: the network is not measured)
  # against the 100k store: recognising units, skipping what is logged, appending.
  [ -s "$dir/feed1000.xml" ] || "$gen" feed "$dir/feed1000.xml" 1000
  measure "cchc import --feed, 1,000 items (100k store, fresh copy each run)" 100000 \
    "rm -rf $dir/feed && cp -r $dir/a100000 $dir/feed && sync $dir/feed/articles.jsonl" \
    "$cchc --plan builtin --data $dir/feed --as-of $as_of import --feed $dir/feed1000.xml > /dev/null 2>&1"
  if command -v hledger > /dev/null; then
    measure "hledger balance --budget -Q" 100000 "" "hledger -f $dir/a100000/articles.journal balance --budget -Q"
  fi
fi
# A national overview: a weekly rule and quarterly reports over 332 and 3,321
# communes (the country's number); the cost should grow about linearly.
for n in 332 3321; do
  [ -s "$dir/c$n/plan.toml" ] || "$gen" communes "$dir/c$n" "$n" > /dev/null
  for args in "check" "report"; do
    measure "cchc $args, $n communes (weekly rule, 30 articles each)" "$((n * 30))" "" \
      "$cchc --data $dir/c$n --as-of 2022-12-31 $args > /dev/null || [ \$? = 1 ]"
  done
done
# The floor: reading the 1M files without doing anything with them.
[ -s "$dir/a1000000/articles.jsonl" ] && measure "cat of the 1,000,000-article files" 1000000 "" "cat $dir/a1000000/*.jsonl > /dev/null"
measure "cchc --version" - "" "$cchc --version"

echo "| command | articles | median ms | peak RSS MB |"
echo "|---|---|---|---|"
printf '%s\n' "${rows[@]}"
