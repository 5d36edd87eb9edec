from django.urls import path

from accounts.views import own_account, passkeys, teams, two_factor, users

app_name = "accounts"

# Under /accounts/ (star/urls.py); sign-in and sign-out are at the root, in public_urls.py.

urlpatterns = [
    path("two-factor/set-up/", two_factor.two_factor_set_up, name="two_factor_set_up"),
    path("two-factor/check/", two_factor.two_factor_check, name="two_factor_check"),
    path("two-factor/passkey/begin/", passkeys.passkey_verify_begin, name="passkey_verify_begin"),
    path("two-factor/passkey/complete/", passkeys.passkey_verify_complete, name="passkey_verify_complete"),
    path("me/", own_account.account, name="account"),
    path("me/passkeys/add/begin/", passkeys.passkey_register_begin, name="passkey_register_begin"),
    path("me/passkeys/add/complete/", passkeys.passkey_register_complete, name="passkey_register_complete"),
    path("me/passkeys/<int:passkey_id>/name/", passkeys.passkey_name, name="passkey_name"),
    path("me/passkeys/<int:passkey_id>/remove/", passkeys.passkey_remove, name="passkey_remove"),
    path("me/password/", own_account.change_password, name="change_password"),
    path("me/sign-out-other-sessions/", own_account.sign_out_other_sessions, name="sign_out_other_sessions"),
    path("me/stay-signed-in/", own_account.stay_signed_in, name="stay_signed_in"),
    path("users/", users.user_list, name="user_list"),
    path("users/new/", users.user_new, name="user_new"),
    path("users/<int:user_id>/", users.user_detail, name="user_detail"),
    path("users/<int:user_id>/reset-two-factor/", users.user_reset_two_factor, name="user_reset_two_factor"),
    path("users/<int:user_id>/end-sessions/", users.user_end_sessions, name="user_end_sessions"),
    path("users/<int:user_id>/password/", users.user_set_password, name="user_set_password"),
    path("users/<int:user_id>/place/", teams.user_place, name="user_place"),
    path("users/role-changes/", users.role_changes, name="role_changes"),
    path("services-and-teams/", teams.teams, name="teams"),
    path("services-and-teams/services/new/", teams.service_new, name="service_new"),
    path("services-and-teams/teams/new/", teams.team_new, name="team_new"),
    path("users/role-changes/<int:change_id>/decide/", users.role_change_decide, name="role_change_decide"),
]
