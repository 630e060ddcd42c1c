"""``dateline parse FILE_OR_URL [--json] [--format F]``: parse without touching the database.

The tool to check a new feed: prints the normalised items, or the error with its reason code. A URL is
fetched through the egress guard (the same checks as a polled source); ``-`` reads standard input.
Exit status: 0 parsed, 1 refused (the error is printed), 2 bad arguments.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from dateline.ingest import formats
from dateline.ingest.formats.base import ParsedDocument
from dateline.ingest.formats.jsonshape import result_json

FORMATS = ["auto", *formats.PARSERS, *formats.ALIASES]


class Command(BaseCommand):
    help = "Parse a wire file, feed or page (path, http(s) URL or - for stdin) and print its items; no database."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="file path, http(s) URL, or - for standard input")
        parser.add_argument("--json", action="store_true", help="print the stable JSON shape (see README)")
        parser.add_argument("--format", default="auto", choices=FORMATS, help="skip detection (default auto)")
        parser.add_argument("--content-type", default=None, help="the Content-Type the bytes came with")

    def handle(self, *args, source: str, json: bool, format: str, content_type: str | None, **options) -> None:
        try:
            raw, content_type = self._read(source, content_type)
            document = formats.parse(raw, format, content_type=content_type,
                                     url=source if source.startswith(("http://", "https://")) else None)
        except formats.FormatError as error:
            self._emit(json, result_json(source, fmt=format, error=(error.code, error.message)))
            sys.exit(1)
        self._emit(json, result_json(source, document=document), document)

    def _read(self, source: str, content_type: str | None) -> tuple[bytes, str | None]:
        if source == "-":
            return sys.stdin.buffer.read(), content_type
        if source.startswith(("http://", "https://")):
            from dateline.ingest.transports import egress

            try:
                fetched = egress.fetch(source)
            except egress.EgressError as error:
                raise formats.FormatError(f"fetch_{error.reason}", str(error))
            if fetched.status != 200:
                raise formats.FormatError("fetch_http_status", f"HTTP {fetched.status} from {fetched.final_url}")
            return fetched.body, content_type or fetched.content_type
        path = Path(source)
        if not path.is_file():
            raise formats.FormatError("not_found", f"no such file: {source}")
        return path.read_bytes(), content_type

    def _emit(self, as_json: bool, result: dict, document: ParsedDocument | None = None) -> None:
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        if not result["ok"]:
            self.stderr.write(f"{result['source']}: {result['error']['code']}: {result['error']['message']}")
            return
        doc = result["document"]
        self.stdout.write(f"{result['source']}: {result['format']}, {doc['count']} item(s)"
                          + (f", warnings: {', '.join(doc['warnings'])}" if doc["warnings"] else ""))
        for item in result["items"]:
            dl = item["dateline"]
            self.stdout.write("")
            self.stdout.write(f"  {item['headline'] or '(no headline)'}")
            self.stdout.write(f"    guid {item['guid']}  version {item['version']}  {item['pubstatus']}"
                              + (f"  embargo {item['embargo']}" if item["embargo"] else ""))
            self.stdout.write(f"    published {item['published']}  updated {item['updated']}")
            if item["byline"] or item["agency"]:
                self.stdout.write(f"    by {item['byline'] or '-'}  agency {item['agency'] or '-'}")
            if dl["text"]:
                place = ", ".join(p for p in (dl["city"], dl["region"], dl["country"]) if p)
                self.stdout.write(f"    dateline {dl['text']!r} → {place or '?'} {dl['date'] or ''}".rstrip())
            if item["link"]:
                self.stdout.write(f"    link {item['link']}")
            if item["subjects"] or item["keywords"]:
                self.stdout.write(f"    subjects {', '.join((item['subjects'] + item['keywords'])[:10])}")
            self.stdout.write(f"    {len(item['body_text'])} characters of text, {len(item['images'])} image(s)"
                              + (f", warnings: {', '.join(item['warnings'])}" if item["warnings"] else ""))
            if item["summary"]:
                self.stdout.write(f"    {item['summary'][:160]}")
