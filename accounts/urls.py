from django.urls import path

from accounts.views import sign_in, two_factor, users

app_name = "accounts"

urlpatterns = [
    path("sign-in/", sign_in.sign_in, name="sign_in"),
    path("sign-out/", sign_in.sign_out, name="sign_out"),
    path("two-factor/set-up/", two_factor.two_factor_set_up, name="two_factor_set_up"),
    path("two-factor/check/", two_factor.two_factor_check, name="two_factor_check"),
    path("users/", users.user_list, name="user_list"),
    path("users/new/", users.user_new, name="user_new"),
    path("users/<int:user_id>/", users.user_detail, name="user_detail"),
    path("users/<int:user_id>/reset-two-factor/", users.user_reset_two_factor, name="user_reset_two_factor"),
]
