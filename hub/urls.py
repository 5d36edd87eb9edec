from django.urls import path

from hub.views import dropin, figures, manage, member, public, saved, signposting

app_name = "hub"

urlpatterns = [
    path("resources/", public.hub_page, name="hub"),
    path("resources/<uuid:resource_id>/", public.resource_page, name="resource"),
    path("resources/<uuid:resource_id>/save/", saved.save, name="save"),
    path("resources/manage/", manage.resource_list, name="resource_list"),
    path("resources/manage/new/", manage.resource_new, name="resource_new"),
    path("resources/manage/<uuid:resource_id>/", manage.resource_edit, name="resource_edit"),
    path("resources/manage/<uuid:resource_id>/retire/", manage.resource_retire, name="resource_retire"),
    path("resources/feeds/", manage.feed_list, name="feed_list"),
    path("resources/feeds/<int:feed_id>/refresh/", manage.feed_refresh, name="feed_refresh"),
    path("resources/figures/", figures.figures, name="figures"),
    path("people/<uuid:person_id>/signposting/", signposting.person_signposting, name="person_signposting"),
    path("people/<uuid:person_id>/signposting/new/", signposting.signpost_new, name="signpost_new"),
    path("registers/<int:session_id>/signposting/", dropin.signpost_at_drop_in, name="signpost_at_drop_in"),
    path("signposting/follow-ups/", signposting.follow_ups, name="follow_ups"),
    path("signposting/<int:signposting_id>/follow-up/", signposting.follow_up, name="follow_up"),
    path("my/saved-resources/", saved.my_saved, name="my_saved"),
    path("my/saved-resources/<uuid:resource_id>/remove/", saved.remove, name="unsave"),
    path("my/signposting/", member.my_signposting, name="my_signposting"),
    path("my/signposting/<int:signposting_id>/", member.my_answer, name="my_answer"),
]
