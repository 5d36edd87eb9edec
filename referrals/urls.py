from django.urls import path

from referrals.views import intake, outcome, triage, waiting

app_name = "referrals"

# Under /referrals/ (star/urls.py); the public self-referral form is in public_urls.py.

urlpatterns = [
    path("new/", intake.referral_new, name="new"),
    path("triage/", triage.triage_queue, name="triage_queue"),
    path("waiting/", waiting.waiting_list, name="waiting_list"),
    path("<int:referral_id>/", triage.referral_detail, name="detail"),
    path("<int:referral_id>/triage/", triage.referral_triage, name="triage"),
    path("<int:referral_id>/allocate/", waiting.referral_allocate, name="allocate"),
    path("<int:referral_id>/referrer-told/", outcome.referrer_told, name="referrer_told"),
    path("<int:referral_id>/withdraw/", outcome.referral_withdraw, name="withdraw"),
    path("<int:referral_id>/identity-checked/", outcome.identity_checked, name="identity_checked"),
]
