from django.urls import path

from accounts.views import own_account, passkeys, sign_in, teams, two_factor, users

app_name = "accounts"

urlpatterns = [
    path("sign-in/", sign_in.sign_in, name="sign_in"),
    path("sign-out/", sign_in.sign_out, name="sign_out"),
    path("two-factor/set-up/", two_factor.two_factor_set_up, name="two_factor_set_up"),
    path("two-factor/check/", two_factor.two_factor_check, name="two_factor_check"),
    path("two-factor/passkey/begin/", passkeys.passkey_verify_begin, name="passkey_verify_begin"),
    path("two-factor/passkey/complete/", passkeys.passkey_verify_complete, name="passkey_verify_complete"),
    path("account/", own_account.account, name="account"),
    path("account/passkeys/add/begin/", passkeys.passkey_register_begin, name="passkey_register_begin"),
    path("account/passkeys/add/complete/", passkeys.passkey_register_complete, name="passkey_register_complete"),
    path("account/passkeys/<int:passkey_id>/name/", passkeys.passkey_name, name="passkey_name"),
    path("account/passkeys/<int:passkey_id>/remove/", passkeys.passkey_remove, name="passkey_remove"),
    path("account/password/", own_account.change_password, name="change_password"),
    path("account/sign-out-other-sessions/", own_account.sign_out_other_sessions, name="sign_out_other_sessions"),
    path("account/stay-signed-in/", own_account.stay_signed_in, name="stay_signed_in"),
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
