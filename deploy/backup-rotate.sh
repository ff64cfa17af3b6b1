#!/bin/sh
# Nightly backup with rotation: today's archive in daily/, a copy on Sundays in weekly/ and on the 1st
# in monthly/; keeps KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY of each. A failed backup (full disk...) leaves
# the earlier ones untouched and exits non-zero (systemd shows it: systemctl status dangvien-backup).
set -eu
APP=${APP:-/srv/dangvien/app}
DIR=${BACKUP_DIR:-/srv/dangvien/backups}
KEEP_DAILY=${KEEP_DAILY:-14}
KEEP_WEEKLY=${KEEP_WEEKLY:-8}
KEEP_MONTHLY=${KEEP_MONTHLY:-12}
umask 077
mkdir -p "$DIR/daily" "$DIR/weekly" "$DIR/monthly"
name="dangvien-$(date +%Y-%m-%d).tar"
"$APP/.venv/bin/python" "$APP/manage.py" backup --output "$DIR/daily/$name"
"$APP/.venv/bin/python" "$APP/manage.py" restore --check "$DIR/daily/$name"
[ "$(date +%u)" = 7 ] && cp "$DIR/daily/$name" "$DIR/weekly/$name"
[ "$(date +%d)" = 01 ] && cp "$DIR/daily/$name" "$DIR/monthly/$name"
prune() { ls -1t "$1"/dangvien-*.tar 2>/dev/null | tail -n +"$(($2 + 1))" | xargs -r rm -f --; }
prune "$DIR/daily" "$KEEP_DAILY"
prune "$DIR/weekly" "$KEEP_WEEKLY"
prune "$DIR/monthly" "$KEEP_MONTHLY"
