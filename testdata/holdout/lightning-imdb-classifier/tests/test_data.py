import sys

sys.path.insert(0, "src")

from data import IMDbData  # noqa: E402


def test_batch_size():
    assert IMDbData(8).batch_size == 8
