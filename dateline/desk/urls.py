"""The desk's routes, mounted at /desk/ by ``dateline.pipeline.urls``."""

from django.urls import path

from dateline.desk.views import auth, inbox, pages, reset, story

app_name = "desk"

urlpatterns = [
    path("", inbox.inbox, name="inbox"),
    path("login/", auth.login_view, name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("password-reset/", reset.ResetRequest.as_view(), name="password_reset"),
    path("password-reset/sent/", reset.ResetSent.as_view(), name="password_reset_sent"),
    path("password-reset/<uidb64>/<token>/", reset.ResetConfirm.as_view(), name="password_reset_confirm"),
    path("password-reset/done/", reset.ResetDone.as_view(), name="password_reset_done"),
    path("bulk/", inbox.bulk, name="bulk"),
    path("placement/<int:pk>/accept/", inbox.placement_accept, name="placement_accept"),
    path("placement/<int:pk>/reject/", inbox.placement_reject, name="placement_reject"),
    path("placement/<int:pk>/move/", inbox.placement_move, name="placement_move"),
    path("story/<int:pk>/", story.story_detail, name="story"),
    path("story/<int:pk>/edit/", story.story_edit, name="story_edit"),
    path("story/<int:pk>/<slug:action>/", story.story_state, name="story_state"),
    path("audit/", pages.audit, name="audit"),
    path("sources/", pages.sources, name="sources"),
    path("sources/<slug:slug>/enabled/", pages.source_toggle, name="source_toggle"),
    path("editors/", pages.editors, name="editors"),
    path("assets/<str:name>", pages.asset, name="asset"),
]
