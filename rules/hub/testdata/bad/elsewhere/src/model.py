from transformers import AutoModel

from consts import BASE_MODEL


def build():
    return AutoModel.from_pretrained(BASE_MODEL)
