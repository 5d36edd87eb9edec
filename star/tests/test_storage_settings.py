"""Uploaded files go through Django's storage API: local files by default, S3-compatible storage
by setting (star/settings/storage.py), refused loudly when half set."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from star.settings.storage import default_storage

S3_VARIABLES = (
    "STAR_STORAGE",
    "STAR_S3_BUCKET",
    "STAR_S3_ENDPOINT_URL",
    "STAR_S3_REGION",
    "STAR_S3_ACCESS_KEY_ID",
    "STAR_S3_SECRET_ACCESS_KEY",
)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in S3_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_local_files_by_default() -> None:
    assert default_storage() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_s3_compatible_storage_by_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAR_STORAGE", "s3")
    monkeypatch.setenv("STAR_S3_BUCKET", "star-documents")
    monkeypatch.setenv("STAR_S3_ENDPOINT_URL", "http://127.0.0.1:9000")
    monkeypatch.setenv("STAR_S3_ACCESS_KEY_ID", "synthetic-key")
    monkeypatch.setenv("STAR_S3_SECRET_ACCESS_KEY", "synthetic-secret")
    setting = default_storage()
    assert setting["BACKEND"] == "storages.backends.s3.S3Storage"
    options = setting["OPTIONS"]
    assert options["bucket_name"] == "star-documents" and options["endpoint_url"] == "http://127.0.0.1:9000"
    assert options["default_acl"] == "private" and options["file_overwrite"] is False

    from storages.backends.s3 import S3Storage

    storage = S3Storage(**options)  # django-storages accepts every option (no network needed)
    assert storage.bucket_name == "star-documents"
    assert storage.default_acl == "private"


def test_half_set_or_unknown_storage_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAR_STORAGE", "s3")
    with pytest.raises(ImproperlyConfigured, match="STAR_S3_BUCKET"):
        default_storage()
    monkeypatch.setenv("STAR_STORAGE", "ftp")
    with pytest.raises(ImproperlyConfigured, match="local or s3"):
        default_storage()
