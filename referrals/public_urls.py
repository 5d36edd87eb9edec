"""The public self-referral form stays at the site root (/refer-yourself/): it is printed on
leaflets and linked from other services' sites. Mounted in the referrals namespace by star/urls.py."""

from django.urls import path

from referrals.views import self_referral

urlpatterns = [
    path("refer-yourself/", self_referral.self_referral, name="self_referral"),
    path("refer-yourself/sent/", self_referral.self_referral_sent, name="self_referral_sent"),
]
