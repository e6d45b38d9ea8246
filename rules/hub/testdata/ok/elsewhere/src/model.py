from transformers import AutoModel

from consts import BASE_MODEL, BASE_REVISION


def build():
    return AutoModel.from_pretrained(BASE_MODEL, revision=BASE_REVISION)
