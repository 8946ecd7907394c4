"""Static files in production: hashed names, gzip and Brotli copies (WhiteNoise).

The vendored builds (imar/static/vendor) end with `sourceMappingURL` comments naming source
maps we do not ship; Django's manifest storage would stop `imar collectstatic` on the first
missing map. Those comments are left as they are (only a browser's developer tools ask for
them); every `url()` and `@import` is still rewritten to its hashed name, and a missing one
still stops the collection.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    patterns = tuple(
        (extension, tuple(p for p in rules if "sourceMappingURL" not in str(p)))
        for extension, rules in CompressedManifestStaticFilesStorage.patterns
    )
