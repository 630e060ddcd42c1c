"""The bare WSGI peer: returns one fixed page (an exported article page) with no framework at all."""

import os

BODY = open(os.environ["DATELINE_BENCH_BODY"], "rb").read()  # noqa: SIM115 - read once at import
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
