#!/bin/sh
# Run a manage.py command as the service user with the production settings:
#   sudo /srv/dangvien/app/deploy/manage.sh createsuperuser
set -eu
APP=/srv/dangvien/app
ENV_FILE=${ENV_FILE:-/etc/dangvien/dangvien.env}
cd "$APP"
exec sudo -u dangvien sh -c "set -a; . '$ENV_FILE'; set +a; umask 077; exec '$APP/.venv/bin/python' manage.py \"\$@\"" manage "$@"
