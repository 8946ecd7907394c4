"""Where files live: local disk by default, an S3-compatible bucket by configuration.

Django serves MEDIA_ROOT under MEDIA_URL (and so would a production web server configured
the usual way). Confidential agreement documents, original geotagged photos and everything
else a view hands out only after a permission check therefore go to `private_storage`, which
no URL maps to: on local disk a sibling folder, `<media>-private`; with
`IMAR_MEDIA_STORAGE=s3` a prefix (or a bucket of its own) whose objects are written with the
`private` ACL. Its `url()` never names the file's real location (a fixed, unmapped path), so
no template can leak an address. Views that checked permissions stream the file with
`serve_private`; with `IMAR_S3_PRESIGNED_REDIRECT` on, they redirect instead to a presigned
address that expires after `IMAR_S3_PRESIGNED_SECONDS`.

Public media (the resized photos without metadata, logos) use Django's default storage: with
S3 the `public` prefix, objects public-read (or readable through the bucket's policy when
`IMAR_S3_PUBLIC_ACL` is empty), at plain addresses a page can cache.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

UNSERVED_URL = "/private-not-served/"


class _LocalPrivate(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=UNSERVED_URL)

    @cached_property
    def base_location(self):
        media = Path(settings.MEDIA_ROOT)
        return str(media.with_name(media.name + "-private"))


def s3_options(*, private: bool) -> dict:
    """django-storages' S3Storage options for the public or the private media."""
    s3 = settings.IMAR_S3
    options = {
        "bucket_name": (s3["private_bucket"] or s3["bucket"]) if private else s3["bucket"],
        "endpoint_url": s3["endpoint_url"] or None,
        "access_key": s3["access_key"] or None,
        "secret_key": s3["secret_key"] or None,
        "region_name": s3["region"] or None,
        "addressing_style": s3["addressing_style"] or None,
        "file_overwrite": False,  # as on disk: a second file of the same name gets a suffix
        "signature_version": "s3v4",
    }
    if private:
        options.update(
            location="private",
            default_acl="private",
            querystring_auth=True,
            querystring_expire=s3["presigned_seconds"],
        )
    else:
        options.update(
            location="public",
            default_acl=s3["public_acl"] or None,
            querystring_auth=False,
            custom_domain=s3["public_domain"] or None,
        )
    return options


def media_storages() -> dict:
    """The STORAGES entry for the public media, from IMAR_MEDIA_STORAGE."""
    if settings.IMAR_MEDIA_STORAGE == "s3":
        return {"BACKEND": "imar.core.storage.PublicS3Storage"}
    return {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def _s3_storage_class():
    from storages.backends.s3 import S3Storage

    return S3Storage


class PublicS3Storage:
    """The public media's S3 storage, its options read from the settings when built."""

    def __new__(cls, **overrides):
        return _s3_storage_class()(**{**s3_options(private=False), **overrides})


@deconstructible(path="imar.core.storage.PrivateStorage")
class PrivateStorage(Storage):
    """Files no media URL serves, on disk or in the bucket, as the settings say.

    A stand-in for the real storage (chosen when first used, again after a settings change)
    so the models, which name `private_storage` once, follow IMAR_MEDIA_STORAGE.
    """

    @cached_property
    def backend(self) -> Storage:
        if settings.IMAR_MEDIA_STORAGE == "s3":
            return _s3_storage_class()(**s3_options(private=True))
        return _LocalPrivate()

    @property
    def is_remote(self) -> bool:
        return settings.IMAR_MEDIA_STORAGE == "s3"

    def reset(self) -> None:
        self.__dict__.pop("backend", None)

    # Everything a FileField or a service asks, passed on.
    def open(self, name, mode="rb"):
        return self.backend.open(name, mode)

    def save(self, name, content, max_length=None):
        return self.backend.save(name, content, max_length=max_length)

    def delete(self, name):
        return self.backend.delete(name)

    def exists(self, name):
        return self.backend.exists(name)

    def listdir(self, path):
        return self.backend.listdir(path)

    def size(self, name):
        return self.backend.size(name)

    def path(self, name):
        return self.backend.path(name)

    def generate_filename(self, filename):
        return self.backend.generate_filename(filename)

    def get_valid_name(self, name):
        return self.backend.get_valid_name(name)

    def get_available_name(self, name, max_length=None):
        return self.backend.get_available_name(name, max_length=max_length)

    def get_accessed_time(self, name):
        return self.backend.get_accessed_time(name)

    def get_created_time(self, name):
        return self.backend.get_created_time(name)

    def get_modified_time(self, name):
        return self.backend.get_modified_time(name)

    def url(self, name):
        """Never the file's location: private files are reached through checking views."""
        return UNSERVED_URL + str(name or "")

    def presigned_url(self, name, *, filename: str, expire: int | None = None) -> str:
        """A short-lived address of one private object (S3 only), for a checked caller."""
        parameters = {"ResponseContentDisposition": f'inline; filename="{filename}"'}
        return self.backend.url(name, parameters=parameters, expire=expire)


private_storage = PrivateStorage()


@receiver(setting_changed)
def _settings_changed(*, setting, **kwargs):
    if setting in {"IMAR_MEDIA_STORAGE", "IMAR_S3", "MEDIA_ROOT"}:
        private_storage.reset()


def serve_private(field_file, *, download_name: str | None = None):
    """Hand a stored file to a caller that already passed its permission check: streamed
    from the storage, or (S3 with IMAR_S3_PRESIGNED_REDIRECT) a redirect to an address that
    expires in seconds."""
    if not field_file or not field_file.storage.exists(field_file.name):
        raise Http404
    filename = download_name or Path(field_file.name).name
    storage = field_file.storage
    if (
        isinstance(storage, PrivateStorage)
        and storage.is_remote
        and settings.IMAR_S3["presigned_redirect"]
    ):
        safe = filename.replace('"', "").replace("\\", "")
        response = HttpResponseRedirect(storage.presigned_url(field_file.name, filename=safe))
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "no-referrer"
        return response
    return FileResponse(field_file.open("rb"), as_attachment=False, filename=filename)
