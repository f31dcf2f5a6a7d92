"""Gunicorn configuration for HandCare: `gunicorn -c deploy/gunicorn.conf.py`."""

import os
from pathlib import Path

# Run from the project root wherever gunicorn was started, so handcare.wsgi imports.
chdir = str(Path(__file__).resolve().parent.parent)
wsgi_app = "handcare.wsgi:application"
# handcare/wsgi.py defaults DJANGO_SETTINGS_MODULE to handcare.settings.production.

# Loopback by default: the reverse proxy (or Varnish) in front is what faces the network.
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Sync workers: each renders one request at a time, so concurrency is the number of processes.
# Start with 2 per CPU core, and watch memory (deploy/README.md).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle each worker after about a thousand requests, bounding any slow memory growth.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = max_requests // 10
# Heartbeat files in memory, not on a disk that may stall (the gunicorn docs' advice for
# containers).
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"

# Only the proxy on this machine may say the request came in over HTTPS.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs go to stdout/stderr for systemd's journal or the platform.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "handcare"
# Gunicorn 25+ opens a control socket at one path per user ($HOME/.gunicorn/gunicorn.ctl), which
# a second instance on the machine (a test, another site) would take over. Signals do the job.
control_socket_disable = True
