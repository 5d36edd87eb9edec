"""Where uploaded files (documents, receipts) are kept: `STAR_STORAGE=local` (the default: files
under MEDIA_ROOT) or `STAR_STORAGE=s3` (any S3-compatible object store, through django-storages).
Files are never served by the store's own address: only through STaR's gated views."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured

from star.settings.environment import env_bool, env_str


def default_storage() -> dict[str, Any]:
    """The `STORAGES["default"]` entry the environment asks for, failing loudly on a half setting."""
    kind = env_str("STAR_STORAGE", "local")
    if kind == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if kind != "s3":
        raise ImproperlyConfigured(f"STAR_STORAGE must be local or s3, not {kind!r}.")
    bucket = env_str("STAR_S3_BUCKET", "")
    if not bucket:
        raise ImproperlyConfigured("STAR_STORAGE=s3 needs STAR_S3_BUCKET, the bucket's name.")
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "location": env_str("STAR_S3_PREFIX", ""),
        # Private objects, never overwritten, reached only with credentials (STaR streams them).
        "default_acl": "private",
        "file_overwrite": False,
        "querystring_auth": True,
        "querystring_expire": 60,
        "object_parameters": {"ServerSideEncryption": "AES256"} if env_bool("STAR_S3_ENCRYPT", True) else {},
    }
    # Another provider than AWS (MinIO, Ceph, a UK cloud's object store) names its address.
    for option, variable in (
        ("endpoint_url", "STAR_S3_ENDPOINT_URL"),
        ("region_name", "STAR_S3_REGION"),
        ("access_key", "STAR_S3_ACCESS_KEY_ID"),
        ("secret_key", "STAR_S3_SECRET_ACCESS_KEY"),
        ("addressing_style", "STAR_S3_ADDRESSING_STYLE"),
    ):
        if value := env_str(variable, ""):
            options[option] = value
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
