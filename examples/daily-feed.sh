#!/usr/bin/env bash
# Every morning, for cron or a systemd timer: log the articles the district portal
# published (its RSS or Atom feed), then check. On a quiet day it prints nothing and
# exits 0; otherwise it prints the articles it logged (id, date, unit, title) and what
# is missed, so cron mails exactly that. Items it cannot place (no unit recognised,
# several units named) are left for `cchc import --feed URL --dry-run`, run by hand
# now and then: add the names the portal uses to the units' `aliases`, or log them.
#
#   crontab -e:  30 6 * * *  CCHC="$HOME/.cargo/bin/cchc" /path/to/daily-feed.sh https://hamtan.binhthuan.gov.vn/rss
#   or, when each unit's own portal is in the plan (`feed` under its [[unit]]):
#                30 6 * * *  CCHC="$HOME/.cargo/bin/cchc" /path/to/daily-feed.sh
#   (cron's PATH has no ~/.cargo/bin, where `cargo install` puts cchc.)
#
# Arguments after the feed (or all of them, when they begin with `-`) go to cchc
# before the command (e.g. --data DIR).
# Exit: 2 when the feed could not be fetched or read (nothing is written then, and
# no check follows); with the units' own feeds, 1 when some could not be read (the
# others are logged, and the check still runs); else what `cchc check` says (1:
# something is missed).
set -uo pipefail
cchc=${CCHC:-cchc}
feed=()
if [ $# -ge 1 ] && [ "${1#-}" = "$1" ]; then
  feed=("$1")
  shift
fi

"$cchc" "$@" import --feed "${feed[@]}" --quiet
imported=$?
if [ "$imported" -ge 2 ]; then
  exit "$imported"
fi
"$cchc" "$@" check --quiet
checked=$?
exit $((checked > imported ? checked : imported))
