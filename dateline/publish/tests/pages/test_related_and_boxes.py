"""Related content (precomputed at publish, text similarity weighted by recency) and sister boxes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from dateline.publish.models import Article, RelatedArticle
from dateline.publish.related import Doc, rank_related, recency_weight

NOW = datetime(2024, 7, 10, tzinfo=UTC)
MARS = "Perseverance rover drills martian rock sample in Jezero crater on Mars"


def test_the_most_similar_story_ranks_first_and_unrelated_ones_not_at_all():
    target = Doc(0, "Rover drills rock sample on Mars in Jezero crater", NOW)
    candidates = [Doc(1, "Navy commissions new frigate in the Baltic", NOW), Doc(2, MARS, NOW),
                  Doc(3, "Mars orbiter photographs dust storm", NOW)]
    ranked = rank_related(target, candidates, now=NOW)
    assert [key for key, _ in ranked] == [2, 3]


def test_among_equally_similar_stories_the_fresher_wins():
    target = Doc(0, MARS, NOW)
    old, fresh = Doc(1, MARS, NOW - timedelta(days=90)), Doc(2, MARS, NOW - timedelta(days=1))
    ranked = rank_related(target, [old, fresh], now=NOW)
    assert [key for key, _ in ranked] == [2, 1] and ranked[0][1] > 2 * ranked[1][1]
    assert recency_weight(NOW - timedelta(days=30), NOW) == pytest.approx(0.5)


def test_the_target_itself_and_empty_text_never_relate():
    assert rank_related(Doc(7, MARS, NOW), [Doc(7, MARS, NOW)], now=NOW) == []
    assert rank_related(Doc(0, "the and of", NOW), [Doc(1, "the of and", NOW)], now=NOW) == []


@pytest.mark.django_db
def test_related_rows_are_stored_at_publish_and_pages_only_read_them(client, sites, publish):
    mars = sites["marsdaily"].sections.get(slug="news")
    first = publish(headline="Rover finds layered rock on Mars", body_text=MARS, sections=[mars])
    second = publish(headline="Rover drills rock sample in Jezero", body_text=MARS,
                     sections=[sites["spacewar"].sections.get(slug="news")])
    article = second.articles.get()
    assert list(RelatedArticle.objects.filter(article=article).values_list("related__story", flat=True)) == [first.pk]
    RelatedArticle.objects.all().delete()  # pages must not recompute what publishing stores
    html = client.get(article.get_absolute_url(), HTTP_HOST="spacewar.localhost").text
    related = html.split('id="rc"')[1].split("</section>")[0]
    assert "Rover finds layered rock on Mars" not in related and "No related stories yet." in related


@pytest.mark.django_db
def test_sister_boxes_show_the_latest_four_headlines_and_refresh_on_publish(client, sites, publish):
    mars = sites["marsdaily"].sections.get(slug="news")
    for i in range(4):
        publish(headline=f"Mars headline {i}", sections=[mars])
    box = lambda: client.get("/", HTTP_HOST="spacewar.localhost").text.split(  # noqa: E731
        'aria-label="MarsDaily headlines"')[1].split("</section>")[0]
    assert box().count("<li>") == 4
    publish(headline="Newest Mars headline", sections=[mars])
    assert "Newest Mars headline" in box() and box().count("<li>") == 4
    assert Article.objects.filter(site=sites["marsdaily"]).count() == 5


def test_hashed_tfidf_cosine_matches_scikit_learns_tfidf_vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import linear_kernel

    texts = [MARS, "Mars orbiter photographs dust storm over Jezero", "Navy frigate sails the Baltic",
             "Rover drills rock on Mars", "Frigate and rover: a Mars and Baltic day"]
    docs = [Doc(i, t, NOW) for i, t in enumerate(texts)]
    ours = dict(rank_related(docs[0], docs, now=NOW, limit=10, min_similarity=0.0))
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True, strip_accents="unicode").fit_transform(texts)
    theirs = linear_kernel(matrix[0:1], matrix[1:]).ravel()
    for key in range(1, len(texts)):
        assert ours.get(key, 0.0) == pytest.approx(theirs[key - 1], abs=1e-6)
