"""Remote images re-hosted at ingest through the egress guard, served from signed local paths (HTML-7)."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from django.http import Http404

from dateline.ingest import media, views
from dateline.ingest.formats.base import Image, ParsedItem
from dateline.ingest.models import MediaAsset
from dateline.ingest.tests.loopback import PNG


@pytest.fixture
def rehost(settings, data_dir):
    settings.DATELINE_MEDIA_REHOST = True
    return settings


def item_with(*urls: str, body: str = "") -> ParsedItem:
    return ParsedItem(guid="urn:img:1", headline="Probe photographs the far side", body_html=body,
                      images=[Image(url=u, caption="A view") for u in urls],
                      published=datetime(2024, 7, 1, tzinfo=UTC))


@pytest.fixture
def source(make_source, feed_server):
    return make_source("photos", transport="http", location=feed_server.base + "/feed",
                       allow_private=[feed_server.host_port])


@pytest.mark.django_db
def test_html7_raster_image_rehosted_and_body_img_rewritten(rehost, source, feed_server, client):
    url = feed_server.base + "/img/png"
    item = media.rehost_images(source=source, item=item_with(url, body=f'<p>Look</p><img src="{url}" alt="x">'))
    local = item.images[0].url
    assert local.startswith("/media/wire/") and "?s=" in local
    assert f'src="{local.replace("&", "&amp;")}"' in item.body_html and url not in item.body_html
    assert MediaAsset.objects.get().content_type == "image/png"
    assert feed_server.hits.count("/img/png") == 1  # fetched once for both references
    response = client.get(local)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_html7_media_endpoint_serves_only_what_we_signed(rehost, source, feed_server, rf):
    local = media.rehost_images(source=source, item=item_with(feed_server.base + "/img/png")).images[0].url
    path, signature = local.split("?s=")
    name = path.rsplit("/", 1)[-1]
    assert views.media_file(rf.get(local), name).status_code == 200
    for query, asked in [("", name), (f"?s={signature[:-2]}xx", name), (f"?s={signature}", "0000" + name[4:]),
                         (f"?s={signature}", name.replace(".png", ".gif"))]:
        with pytest.raises(Http404):
            views.media_file(rf.get(path + query), asked)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["svg", "lying", "big"])
def test_html7_svg_mislabelled_and_oversized_images_stay_remote(rehost, source, feed_server, kind):
    url = f"{feed_server.base}/img/{kind}"
    item = media.rehost_images(source=source, item=item_with(url))
    assert item.images[0].url == url  # the page shows it as a click-to-load link
    assert any(w.startswith("image_not_rehosted:") for w in item.warnings)
    assert not MediaAsset.objects.exists()


@pytest.mark.django_db
def test_html7_image_urls_go_through_the_egress_guard(rehost, source, canary):
    inward = f"http://127.0.0.1:{canary.port}/secret.png"
    item = media.rehost_images(source=source, item=item_with(inward, "http://169.254.169.254/latest/x.png"))
    assert [i.url for i in item.images] == [inward, "http://169.254.169.254/latest/x.png"]
    assert "image_not_rehosted:addr_loopback" in item.warnings
    assert "image_not_rehosted:addr_link_local" in item.warnings
    time.sleep(0.1)
    assert canary.connections == 0


@pytest.mark.django_db
def test_html7_rehosting_is_off_unless_configured(source, feed_server, data_dir):
    url = feed_server.base + "/img/png"
    assert media.rehost_images(source=source, item=item_with(url)).images[0].url == url
    assert feed_server.hits == []


def test_html7_sniffing_accepts_raster_types_only():
    assert media.sniff(PNG) == "image/png"
    assert media.sniff(b"\xff\xd8\xff\xe0") == "image/jpeg"
    assert media.sniff(b"RIFF\0\0\0\0WEBPVP8 ") == "image/webp"
    assert media.sniff(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None
    assert media.sniff(b"<html>") is None


@pytest.mark.django_db
def test_html7_ingest_rehosts_once_and_a_repeat_is_still_a_duplicate(rehost, source, feed_server):
    from dateline.ingest.models import WireItem
    from dateline.ingest.services import ingest_bytes

    url = feed_server.base + "/img/png"
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><guid>img-1</guid>'
            b"<title>Probe photographs the far side</title><description>&lt;p&gt;Look&lt;/p&gt;"
            b'&lt;img src="' + url.encode() + b'" alt="far side"&gt;</description></item></channel></rss>')
    first = ingest_bytes(source=source, data=feed, origin="feed")
    again = ingest_bytes(source=source, data=feed, origin="feed")
    assert (first.new, again.duplicate) == (1, 1)
    assert feed_server.hits.count("/img/png") == 1
    body = WireItem.objects.get().body_html
    assert "/media/wire/" in body and url not in body
