#!/usr/bin/env bash
# Sends each unit its reminder (`cchc remind`) by e-mail with the system's `mail`:
# a unit whose [[unit]] has an `email` gets one message, subject and text in the
# plan's language; units without one are listed on stderr, to be phoned (with their
# `phone`, if any). Needs jq and a `mail` command (Debian: apt install jq mailutils)
# on a machine set up to send mail.
#
#   crontab -e:  30 7 * * 1  CCHC="$HOME/.cargo/bin/cchc" "$HOME/.local/bin/remind-by-mail.sh"
#   (cron's PATH has no ~/.cargo/bin, where `cargo install` puts cchc.)
#
# Extra arguments go to cchc before the command (e.g. --data DIR, --as-of DATE).
# CCHC names the binary (default: cchc on PATH); MAIL_COMMAND the mail program
# (default: mail), called as `mail -s SUBJECT ADDRESS` with the text on stdin.
# Exit: 0 nothing missed, 1 something missed (as `cchc remind`); 2 when cchc or a
# mail failed, or jq is missing.
set -uo pipefail
cchc=${CCHC:-cchc}
send=${MAIL_COMMAND:-mail}
command -v jq > /dev/null || { echo "remind-by-mail.sh: cần cài jq (apt install jq)" >&2; exit 2; }
json=$("$cchc" "$@" remind --format json)
status=$?
if [ "$status" -gt 1 ]; then
  echo "remind-by-mail.sh: cchc remind thoát mã $status: dữ liệu hoặc kế hoạch cần xem lại" >&2
  exit 2
fi
failed=0
field() { jq -r --arg u "$1" ".reminders[] | select(.unit == \$u) | .$2" <<< "$json"; }
# One line per unit; fields apart by the unit separator, so an empty one stays.
while IFS=$'\x1f' read -r unit email phone name; do
  if [ -z "$email" ]; then
    echo "Không có email, cần báo qua điện thoại: $name${phone:+ ($phone)}" >&2
    continue
  fi
  if field "$unit" message | $send -s "$(field "$unit" subject)" "$email"; then
    echo "Đã gửi: $name <$email>"
  else
    echo "Gửi không được: $name <$email>" >&2
    failed=1
  fi
done < <(jq -r '.reminders[] | [.unit, (.email // ""), (.phone // ""), .unit_name] | join("\u001f")' <<< "$json")
[ "$failed" = 0 ] || exit 2
exit "$status"
