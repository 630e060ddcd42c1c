"""Loopback servers for transport tests: a misbehaving HTTP feed server and a canary that must stay silent.

Only 127.0.0.1 is ever used (tests never leave the machine). Every slow or endless behaviour stops when the
test ends, so a hanging handler never outlives its test.
"""

from __future__ import annotations

import functools
import gzip
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Loopback wire</title><link>http://127.0.0.1/</link>
<description>test</description>
<item><guid>loop-1</guid><title>Rocket rolls out to the pad</title>
<description>CAPE CANAVERAL (UPI) -- A rocket rolled out.</description>
<pubDate>Tue, 02 Jul 2024 10:00:00 GMT</pubDate></item>
<item><guid>loop-2</guid><title>Satellite reaches orbit</title>
<description>PARIS (AFP) - A satellite reached orbit.</description>
<pubDate>Tue, 02 Jul 2024 11:00:00 GMT</pubDate></item>
</channel></rss>"""
ETAG = '"v1"'
# The PNG signature, a header chunk and an end chunk: enough for type sniffing.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" \
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
LAST_MODIFIED = "Tue, 02 Jul 2024 11:00:00 GMT"


@functools.cache
def gzip_bomb() -> bytes:
    """64 MiB of zeros gzip to about 64 KiB: a decompression bomb for a 10 MiB cap."""
    return gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stop = threading.Event()
        self.hits: list[str] = []
        self.body = RSS  # what /feed serves; tests replace it
        self.status_for: dict[str, int] = {}
        self.lock = threading.Lock()
        self.active: dict[str, int] = {}
        self.max_active: dict[str, int] = {}  # most requests in flight at once, per Host header
        self.thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def host_port(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: FeedServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        self.server.hits.append(parts.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        name = parts.path.strip("/").split("/")[0] or "feed"
        handler = getattr(self, "route_" + name.replace("-", "_"), None)
        if handler is None:
            return self._send(404, b"not here", "text/plain")
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        with self.server.lock:
            self.server.active[host] = self.server.active.get(host, 0) + 1
            self.server.max_active[host] = max(self.server.max_active.get(host, 0), self.server.active[host])
        try:
            handler(parts.path, query)
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass
        finally:
            with self.server.lock:
                self.server.active[host] -= 1

    def _send(self, status: int, body: bytes, ctype: str = "application/rss+xml", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _wait(self, seconds: float) -> None:
        self.server.stop.wait(seconds)

    def route_feed(self, path, query) -> None:
        status = self.server.status_for.get(path)
        if status:
            return self._send(status, b"<html>error page body</html>", "text/html",
                              Retry_After=query.get("retry", "120"))
        if self.headers.get("If-None-Match") == ETAG or self.headers.get("If-Modified-Since") == LAST_MODIFIED:
            self.send_response(304)
            self.send_header("ETag", ETAG)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._send(200, self.server.body, ETag=ETAG, Last_Modified=LAST_MODIFIED,
                   Cache_Control=query.get("cc", "max-age=600"))

    def route_slow(self, path, query) -> None:
        self._wait(float(query.get("s", "0.5")))
        self._send(200, self.server.body)

    def route_img(self, path, query) -> None:
        kind = path.rsplit("/", 1)[-1]
        body, ctype = {
            "png": (PNG, "image/png"),
            "svg": (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/svg+xml"),
            "lying": (b"<html><script>alert(1)</script></html>", "image/png"),
            "big": (PNG + b"\0" * (6 * 1024 * 1024), "image/png"),
        }[kind]
        self._send(200, body, ctype)

    def route_html(self, path, query) -> None:
        self._send(200, b"<!doctype html><html><head><title>Just a moment...</title></head>"
                        b"<body>Checking your browser</body></html>", "text/html")

    def route_empty(self, path, query) -> None:
        self._send(200, b"", "application/rss+xml")

    def route_status(self, path, query) -> None:
        code = int(path.rsplit("/", 1)[-1])
        self._send(code, b"<html>secret internal error page</html>", "text/html",
                   Retry_After=query.get("retry", "120"))

    def route_redirect(self, path, query) -> None:
        self.send_response(int(query.get("code", "302")))
        self.send_header("Location", query["to"])
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route_chain(self, path, query) -> None:
        n = int(path.rsplit("/", 1)[-1])
        code = query.get("code", "302")
        self.send_response(int(code))
        self.send_header("Location", f"/chain/{n - 1}?code={code}" if n > 1 else "/feed")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route_loop(self, path, query) -> None:
        self.send_response(302)
        self.send_header("Location", "/loop")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route_hang(self, path, query) -> None:
        self._wait(30)

    def route_slow_headers(self, path, query) -> None:
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for _ in range(600):  # one header byte every 50 ms: each read is quick, the whole never ends
            if self.server.stop.is_set():
                return
            self.wfile.write(b"X")
            self.wfile.flush()
            self._wait(0.05)

    def route_drip(self, path, query) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(10_000))
        self.end_headers()
        for _ in range(10_000):
            if self.server.stop.is_set():
                return
            self.wfile.write(b"<")
            self.wfile.flush()
            self._wait(0.05)

    def route_endless(self, path, query) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"<item>" * 10_000
        while not self.server.stop.is_set():
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))

    def route_oversized(self, path, query) -> None:
        size = 11 * 1024 * 1024
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        self.wfile.write(b" " * size)

    def route_lying(self, path, query) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", "5000")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(RSS[:100])
        self.wfile.flush()
        self.close_connection = True

    def route_bomb(self, path, query) -> None:
        self._send(200, gzip_bomb(), "application/rss+xml", Content_Encoding="gzip")

    def route_gzip(self, path, query) -> None:
        self._send(200, gzip.compress(RSS), "application/rss+xml", Content_Encoding="gzip")


class Canary:
    """A listener that counts connections; tests assert it saw none (no socket to a refused address)."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, port))
        self.sock.listen(16)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            conn.close()

    def __enter__(self) -> Canary:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()
