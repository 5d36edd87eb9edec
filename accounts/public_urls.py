"""Sign-in and sign-out stay at the site root (/sign-in/, /sign-out/): every bookmark, password
manager and link in an email uses them. Mounted in the accounts namespace by star/urls.py."""

from django.urls import path

from accounts.views import sign_in

urlpatterns = [
    path("sign-in/", sign_in.sign_in, name="sign_in"),
    path("sign-out/", sign_in.sign_out, name="sign_out"),
]
