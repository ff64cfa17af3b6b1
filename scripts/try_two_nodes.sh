#!/usr/bin/env bash
# Trial of the scale-out shape on one machine (README "Growing past one machine"): two gunicorn
# "nodes" and two workers on one PostgreSQL, behind nginx on the loopback (deploy/nginx/dangvien.conf
# with both nodes in its upstream), then the load benchmark through nginx beside one gunicorn alone,
# then one node stopped while users keep browsing (each node in a session of its own: see
# scripts/bench_load.py on autogroup scheduling). Run under a PostgreSQL:
#   scripts/with_postgres.sh scripts/try_two_nodes.sh [USERS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
USERS=${1:-16}
SECONDS_PER_PAGE=${2:-10}
T=$(mktemp -d /tmp/two-nodes.XXXXXX)
export SECRET_KEY="two-nodes-shared-secret-$(date +%s)-0123456789abcdefghijklmnop"  # shared by every node
export DEMO=0 DEBUG=0 SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0
export AXES_ENABLED=0 LOG_LEVEL=WARNING GUNICORN_ACCESS_LOG= GUNICORN_WORKERS=${GUNICORN_WORKERS:-2}
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$T/nginx.pid" ] && kill "$(cat "$T/nginx.pid")" 2>/dev/null || true
  sleep 1; rm -rf "$T"
}
trap cleanup EXIT INT TERM

# The dataset and the bench users (the benchmark makes them; a zero-second run against nothing).
.venv/bin/python scripts/bench_load.py --users "$USERS" --seconds 0 --servers "" >/dev/null

for port in 18001 18002; do
  GUNICORN_BIND=127.0.0.1:$port setsid .venv/bin/gunicorn -c deploy/gunicorn.conf.py recruitment.wsgi >"$T/node-$port.log" 2>&1 &
  pids+=($!)
done
for i in 1 2; do .venv/bin/python manage.py worker --no-reload -v0 --worker-id "node$i" >"$T/worker-$i.log" 2>&1 & pids+=($!); done

# nginx: the shipped site, on loopback ports, with the two nodes as upstream and a plain-HTTP twin.
mkdir -p "$T/ssl" "$T/static"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/ssl/privkey.pem" -out "$T/ssl/fullchain.pem" -days 1 -subj /CN=localhost 2>/dev/null
sed -e "s#/etc/ssl/dangvien#$T/ssl#; s#listen 80;#listen 127.0.0.1:18080;#; s#listen \[::\]:80;##" \
    -e "s#listen 443 ssl http2;#listen 127.0.0.1:18443 ssl http2;#; s#listen \[::\]:443 ssl http2;##" \
    -e "s#/srv/dangvien/static/#$T/static/#; s#server 127.0.0.1:8000;#server 127.0.0.1:18001; server 127.0.0.1:18002;#" \
    -e "s#location / { return 301 https://\$host\$request_uri; }#location / { proxy_pass http://dangvien_web; proxy_set_header Host \$host; proxy_set_header X-Request-ID \$request_id; }#" \
    deploy/nginx/dangvien.conf >"$T/site.conf"
cat >"$T/nginx.conf" <<CONF
worker_processes 1;
pid $T/nginx.pid;
error_log $T/error.log;
events { worker_connections 512; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $T/body; proxy_temp_path $T/proxy; fastcgi_temp_path $T/f; uwsgi_temp_path $T/u; scgi_temp_path $T/s;
  include $T/site.conf;
}
CONF
nginx -t -q -c "$T/nginx.conf" -p "$T"
nginx -c "$T/nginx.conf" -p "$T"
for _ in $(seq 60); do curl -sf -o /dev/null http://127.0.0.1:18001/dang-nhap/ && curl -sf -o /dev/null http://127.0.0.1:18002/dang-nhap/ && break; sleep 1; done
echo "== /healthz through nginx (two workers beating):"
sleep 3; curl -s http://127.0.0.1:18080/healthz; echo
echo "== HTTPS through nginx: $(curl -sk -o /dev/null -w '%{http_code} %{http_version}' https://127.0.0.1:18443/dang-nhap/)"
.venv/bin/python scripts/bench_load.py --users "$USERS" --seconds "$SECONDS_PER_PAGE" --servers gunicorn --port 18003 \
  --target "nginx-2-nodes=http://127.0.0.1:18080"

echo "== stop node 18002 while 4 users browse through nginx for 10 s:"
( sleep 3; kill "${pids[1]}" ) &
.venv/bin/python - <<'PY'
import http.cookiejar, threading, time, urllib.parse, urllib.request
base = "http://127.0.0.1:18080"
ok = bad = 0
lock = threading.Lock()
def user(name):
    global ok, bad
    jar = http.cookiejar.CookieJar(); o = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    o.open(base + "/dang-nhap/").read(); tok = next(c.value for c in jar if c.name == "csrftoken")
    d = urllib.parse.urlencode({"username": name, "password": "Bench@Load2026", "csrfmiddlewaretoken": tok}).encode()
    o.open(urllib.request.Request(base + "/dang-nhap/", data=d, headers={"Referer": base})).read()
    end = time.monotonic() + 10
    while time.monotonic() < end:
        try:
            r = o.open(base + "/don-vi/", timeout=30); r.read()
            with lock: ok += r.status == 200
        except OSError:
            with lock: bad += 1
ts = [threading.Thread(target=user, args=(f"bench0{i}",)) for i in range(1, 5)]
[t.start() for t in ts]; [t.join() for t in ts]
print(f"   {ok} pages served, {bad} failed (sessions live in the database: any node serves any user)")
PY
