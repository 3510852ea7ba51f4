import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def run_worker(run_queued_tasks):
    """The real database worker, in-process (see the root conftest)."""
    return run_queued_tasks
