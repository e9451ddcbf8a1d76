#!/usr/bin/env bash
# Kiểm tra hằng tuần, cho cron hoặc systemd timer: không in gì và thoát mã 0 khi
# không có gì quá hạn hay sắp đến hạn; nếu có thì in những việc cần làm (cron gửi
# thư) và thoát mã 1 — hoặc mã 2 khi có lỗi: không thấy kế hoạch hay thư mục dữ
# liệu (cron chưa đặt CCHC_DATA?), tệp dữ liệu hỏng.
# (The weekly check for cron: silent and exit 0 when all is well, the list and exit 1
# when something is missed, exit 2 on an error. Messages in English with CCHC_LANG=en.)
#
#   crontab -e:  0 7 * * 1  CCHC_DATA="$HOME/cchc-data" CCHC="$HOME/.cargo/bin/cchc" /path/to/weekly-check.sh
#   (PATH của cron không có ~/.cargo/bin, nơi `cargo install` đặt cchc: ghi đủ đường dẫn.)
#   hoặc: examples/systemd/cchc-check.{service,timer}
#
# Các đối số thêm được chuyển cho cchc trước lệnh (ví dụ --data THƯ-MỤC, --as-of NGÀY).
# CCHC là tên chương trình (mặc định: cchc trong PATH).
set -uo pipefail
cchc=${CCHC:-cchc}

"$cchc" "$@" check --quiet --strict
status=$?
if [ "${CCHC_LANG:-vi}" = en ]; then
  case $status in
    0) ;;
    1) echo "(cchc check: something needs a look; \`cchc report\` shows the year)" ;;
    *) echo "cchc check failed with exit $status: the data or the plan needs a look (the message above says what)" >&2 ;;
  esac
else
  case $status in
    0) ;;
    1) echo "(cchc check: có việc cần xem; \`cchc report\` cho xem cả năm)" ;;
    *) echo "cchc check lỗi, mã thoát $status: cần xem lại dữ liệu hoặc kế hoạch (dòng lỗi ở trên nói rõ)" >&2 ;;
  esac
fi
exit $status
