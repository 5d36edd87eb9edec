from django.urls import path

from hub.views import dropin, figures, manage, signposting

app_name = "hub"

# Staff pages, under /hub/ (star/urls.py); the public resource pages are in public_urls.py and a
# member's own in member_urls.py.
urlpatterns = [
    path("manage/", manage.resource_list, name="resource_list"),
    path("manage/new/", manage.resource_new, name="resource_new"),
    path("manage/<uuid:resource_id>/", manage.resource_edit, name="resource_edit"),
    path("manage/<uuid:resource_id>/retire/", manage.resource_retire, name="resource_retire"),
    path("feeds/", manage.feed_list, name="feed_list"),
    path("feeds/<int:feed_id>/refresh/", manage.feed_refresh, name="feed_refresh"),
    path("figures/", figures.figures, name="figures"),
    path("people/<uuid:person_id>/signposting/", signposting.person_signposting, name="person_signposting"),
    path("people/<uuid:person_id>/signposting/new/", signposting.signpost_new, name="signpost_new"),
    path("registers/<int:session_id>/signposting/", dropin.signpost_at_drop_in, name="signpost_at_drop_in"),
    path("signposting/follow-ups/", signposting.follow_ups, name="follow_ups"),
    path("signposting/<int:signposting_id>/follow-up/", signposting.follow_up, name="follow_up"),
]
