#!/bin/sh
# Run a manage.py command as the service user with the production settings (as root):
#   /srv/dangvien/app/deploy/manage.sh createsuperuser
set -eu
APP=${APP:-/srv/dangvien/app}
ENV_FILE=${ENV_FILE:-/etc/dangvien/dangvien.env}
cd "$APP"
exec runuser -u dangvien -- sh -c "set -a; . '$ENV_FILE'; set +a; umask 077; exec '$APP/.venv/bin/python' manage.py \"\$@\"" manage "$@"
