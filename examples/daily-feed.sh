#!/usr/bin/env bash
# Every morning, for cron or a systemd timer: log the articles the district portal
# published (its RSS or Atom feed), then check. On a quiet day it prints nothing and
# exits 0; otherwise it prints the articles it logged (id, date, unit, title) and what
# is missed, so cron mails exactly that. Items it cannot place (no unit recognised,
# several units named) are left for `cchc import --feed URL --dry-run`, run by hand
# now and then: add the names the portal uses to the units' `aliases`, or log them.
#
#   crontab -e:  30 6 * * *  CCHC="$HOME/.cargo/bin/cchc" /path/to/daily-feed.sh https://hamtan.binhthuan.gov.vn/rss
#   (cron's PATH has no ~/.cargo/bin, where `cargo install` puts cchc.)
#
# Arguments after the feed go to cchc before the command (e.g. --data DIR).
# Exit: 2 when the feed could not be fetched or read (nothing is written then),
# else what `cchc check` says (1: something is missed).
set -uo pipefail
cchc=${CCHC:-cchc}
if [ $# -lt 1 ]; then
  if [ "${CCHC_LANG:-vi}" = en ]; then
    echo "usage: daily-feed.sh FEED-URL-OR-FILE [cchc options]" >&2
  else
    echo "cách dùng: daily-feed.sh ĐỊA-CHỈ-HOẶC-TỆP-RSS [tùy chọn của cchc]" >&2
  fi
  exit 2
fi
feed=$1
shift

"$cchc" "$@" import --feed "$feed" --quiet || exit $?
"$cchc" "$@" check --quiet
