import re

from agnews import constants


def test_revisions_are_commits():
    for rev in (constants.BASE_MODEL_REVISION, constants.DATASET_REVISION):
        assert re.fullmatch(r"[0-9a-f]{40}", rev)
