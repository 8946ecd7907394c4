"""What the cached whole-portfolio downloads need: the public data's version, and the files
built for it (`imar/opendata/cache.py`)."""

from django.db import models


class PublicDataVersion(models.Model):
    """One row: a counter bumped after every committed write to the data open data reads
    (`imar/opendata/version.py`)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "public data version"

    def __str__(self) -> str:
        return str(self.number)


class CachedExport(models.Model):
    """A whole-portfolio download built by a job for one public data version."""

    name = models.CharField(max_length=40)
    version = models.CharField(max_length=80)
    path = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    built_at = models.DateTimeField()
    seconds = models.FloatField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["name", "version"], name="opendata_one_file_per_version"
            )
        ]
        indexes = [models.Index(fields=["name", "-built_at"], name="opendata_latest_export")]

    def __str__(self) -> str:
        return f"{self.name} {self.version}"
