"""Newsletter URLs, served on every host under /newsletter/ (included by dateline.pipeline.urls)."""

from django.urls import path

from dateline.newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("export/<str:token>/", views.export, name="export"),
    path("erase/<str:token>/", views.erase, name="erase"),
    path("archive/", views.archive, name="archive"),
    path("archive/<str:day>/", views.archive_issue, name="archive_issue"),
    path("preview/", views.preview, name="preview"),
]
