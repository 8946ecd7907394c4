from tests.opendata.conftest import world  # noqa: F401  (the shared public world with sentinels)
