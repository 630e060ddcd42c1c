"""Article page throughput on loopback with wrk: Dateline (gunicorn, page cache warm) next to a bare
WSGI app returning the same bytes through the same gunicorn, and nginx serving the exported file.

    python -m bench publish_pages [--smoke]

Goals (issue 6): the Django cached path ≥ 50% of the bare WSGI app; pages from the export or cache
≥ 90% of nginx's static-file rate. Dateline runs twice: as deployed (the page fast path in front of
Django, ``dateline.publish.fastpath``) and with it off (``DATELINE_PAGE_CACHE_MB=0``: every request
through Django's middleware and the Django page cache). wrk cycles through the newest articles of one site; every server
gets the same number of worker processes. wrk, gunicorn and the servers share this machine's cores,
so the figures are relative, not capacity.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import publish_archive, publish_tools

HOST = "marsdaily.localhost"
WORKERS = 2


def _nginx(port: int, root: Path, work: Path) -> subprocess.Popen:
    user = "user root root;\n" if os.geteuid() == 0 else ""
    conf = work / "nginx.conf"
    conf.write_text(
        f"{user}worker_processes {WORKERS};\npid {work}/nginx.pid;\nerror_log {work}/nginx-error.log warn;\n"
        "events { worker_connections 4096; }\n"
        "http {\n  include /etc/nginx/mime.types;\n  access_log off;\n  sendfile on;\n  tcp_nopush on;\n"
        f"  client_body_temp_path {work}/t1;\n  proxy_temp_path {work}/t2;\n  fastcgi_temp_path {work}/t3;\n"
        f"  uwsgi_temp_path {work}/t4;\n  scgi_temp_path {work}/t5;\n"
        f"  server {{ listen 127.0.0.1:{port}; root {root}; index index.html; }}\n}}\n")
    return subprocess.Popen(["nginx", "-p", str(work), "-c", str(conf), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _gunicorn(app: str, port: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "gunicorn", app, "-w", str(WORKERS), "-b", f"127.0.0.1:{port}",
                             "--log-level", "warning"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _serve_and_load(name: str, process: subprocess.Popen, port: int, paths: list[str], work: Path,
                    seconds: int, connections: int) -> dict:
    try:
        publish_tools.wait_http(port, HOST, paths[0])
        for path in paths:  # warm: page cache filled, files in the OS cache
            publish_tools.get(port, HOST, path)
        figures = publish_tools.wrk(port, HOST, paths, seconds=seconds, connections=connections, work=work)
    finally:
        publish_tools.stop(process)
    print(f"   {name:<32} {figures['requests_per_s']:>9.0f} req/s   p50 {figures['p50_ms']} ms"
          f"   p99 {figures['p99_ms']} ms   non-2xx {figures['non_2xx']} {figures['socket_errors']}", flush=True)
    return figures


def run(smoke: bool) -> dict:
    publish_archive.setup()
    from dateline.publish.export import _export_chunk

    n = publish_archive.size(smoke)
    archive = publish_archive.ensure(n)
    sample = publish_archive.sample_articles(20 if smoke else 500)
    paths = [a.get_absolute_url() for a in sample]
    work = Path(tempfile.mkdtemp(prefix="dateline-bench-pages-"))
    export = work / "export"
    _export_chunk((str(export), [(HOST, p) for p in paths], True))
    body = export / HOST / paths[0].lstrip("/")
    figures: dict = {"articles": archive["articles"], "pages_cycled": len(paths), "page_bytes": body.stat().st_size}
    if not publish_tools.have("wrk"):
        print("   skipped: wrk is not installed (apt-get install wrk); no throughput measured", flush=True)
        return {**figures, "skipped": "wrk not installed"}
    seconds, connections = (2, 16) if smoke else (15, 64)
    env = {**os.environ, "DATELINE_BENCH_BODY": str(body), "PYTHONPATH": os.getcwd()}
    print(f"   wrk -t2 -c{connections} -d{seconds}s over {len(paths)} article pages of {HOST}"
          f" ({figures['page_bytes']:,} bytes each or so), {WORKERS} workers per server:", flush=True)
    port = publish_tools.free_port()
    figures["dateline"] = _serve_and_load("Dateline (gunicorn, fast path)", _gunicorn(
        "dateline.wsgi:application", port, env), port, paths, work, seconds, connections)
    # The same with the fast path off: what every request that reaches Django costs on a page-cache hit.
    port = publish_tools.free_port()
    figures["dateline_django_cache"] = _serve_and_load("Dateline, fast path off (Django)", _gunicorn(
        "dateline.wsgi:application", port, {**env, "DATELINE_PAGE_CACHE_MB": "0"}), port, paths, work, seconds,
        connections)
    port = publish_tools.free_port()
    figures["bare_wsgi"] = _serve_and_load("bare WSGI app (gunicorn)", _gunicorn(
        "bench.publish_bare_wsgi:application", port, env), port, paths, work, seconds, connections)
    if publish_tools.have("nginx"):
        port = publish_tools.free_port()
        figures["nginx_export"] = _serve_and_load("nginx serving the export", _nginx(
            port, export / HOST, work), port, paths, work, seconds, connections)
    else:
        print("   nginx peer skipped: nginx is not installed (apt-get install nginx-light)", flush=True)
    ours = figures["dateline"]["requests_per_s"]
    figures["dateline_vs_bare_wsgi"] = round(ours / figures["bare_wsgi"]["requests_per_s"], 3)
    figures["django_cache_vs_bare_wsgi"] = round(
        figures["dateline_django_cache"]["requests_per_s"] / figures["bare_wsgi"]["requests_per_s"], 3)
    line = (f"   ratios: Dateline cached / bare WSGI = {figures['dateline_vs_bare_wsgi']:.0%} (goal ≥ 50%;"
            f" {figures['django_cache_vs_bare_wsgi']:.0%} with the fast path off)")
    if "nginx_export" in figures:
        figures["dateline_vs_nginx"] = round(ours / figures["nginx_export"]["requests_per_s"], 3)
        line += (f"; Dateline cached / nginx static = {figures['dateline_vs_nginx']:.0%};"
                 " exported files are served by nginx itself = 100% (goal ≥ 90%)")
    print(line, flush=True)
    return figures
