from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "dateline.newsletter"
    label = "newsletter"
    verbose_name = "Newsletter"
