import gzip
from importlib import resources


def load_vocab():
    with resources.files(__package__).joinpath("vocab.txt.gz").open("rb") as f:
        return gzip.decompress(f.read()).decode().split("\n")
