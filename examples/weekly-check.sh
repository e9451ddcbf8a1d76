#!/usr/bin/env bash
# The weekly check, for cron or a systemd timer: prints nothing and exits 0 when
# nothing is missed or due soon; otherwise prints what to act on (cron mails it)
# and exits 1 (missed) — or 2 on any error, such as a damaged data file.
#
#   crontab -e:  0 7 * * 1  CCHC="$HOME/.cargo/bin/cchc" /path/to/weekly-check.sh
#   (cron's PATH has no ~/.cargo/bin, where `cargo install` puts cchc.)
#   or: examples/systemd/cchc-check.{service,timer}
#
# Extra arguments go to cchc before the command (e.g. --data DIR, --as-of DATE).
# CCHC names the binary (default: cchc on PATH).
set -uo pipefail
cchc=${CCHC:-cchc}

"$cchc" "$@" check --quiet --strict
status=$?
case $status in
  0) ;;
  1) echo "(cchc check: something needs a look; \`cchc report\` shows the year)" ;;
  *) echo "cchc check failed with exit $status: the data or the plan needs a look" >&2 ;;
esac
exit $status
