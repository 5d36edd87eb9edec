from django.urls import path

from referrals.views import intake, outcome, self_referral, triage, waiting

app_name = "referrals"

urlpatterns = [
    path("refer-yourself/", self_referral.self_referral, name="self_referral"),
    path("refer-yourself/sent/", self_referral.self_referral_sent, name="self_referral_sent"),
    path("referrals/new/", intake.referral_new, name="new"),
    path("referrals/triage/", triage.triage_queue, name="triage_queue"),
    path("referrals/waiting/", waiting.waiting_list, name="waiting_list"),
    path("referrals/<int:referral_id>/", triage.referral_detail, name="detail"),
    path("referrals/<int:referral_id>/triage/", triage.referral_triage, name="triage"),
    path("referrals/<int:referral_id>/allocate/", waiting.referral_allocate, name="allocate"),
    path("referrals/<int:referral_id>/referrer-told/", outcome.referrer_told, name="referrer_told"),
    path("referrals/<int:referral_id>/withdraw/", outcome.referral_withdraw, name="withdraw"),
    path("referrals/<int:referral_id>/identity-checked/", outcome.identity_checked, name="identity_checked"),
]
