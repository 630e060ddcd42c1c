"""Public pages of every site, resolved per host by ``SiteMiddleware``."""

from dateline.publish.views.pages import archive_day, article, home, not_found, section
from dateline.publish.views.privacy import consent_choose, privacy, privacy_settings

__all__ = ["archive_day", "article", "consent_choose", "home", "not_found", "privacy", "privacy_settings",
           "section"]
