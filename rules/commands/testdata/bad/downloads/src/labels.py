import hashlib
import json
import urllib.request

import requests
import torch
from torch.hub import download_url_to_file

LABELS_URL = (
    "https://raw.githubusercontent.com/anishathalye/imagenet-simple-labels/"
    "master/imagenet-simple-labels.json"
)
VOCAB_SHA256 = "924691ac288e54409236115652ad4aa250f48203de50a9e4722a6ecd48d6804a"


def imagenet_labels():
    resp = requests.get(LABELS_URL, timeout=30)
    resp.raise_for_status()
    return json.loads(resp.text)


def vocab():
    url = "https://raw.githubusercontent.com/openai/CLIP/main/clip/bpe_simple_vocab_16e6.txt.gz"
    data = requests.get(url, timeout=30).content
    if hashlib.sha256(data).hexdigest() != VOCAB_SHA256:
        raise ValueError("vocabulary changed upstream")
    return data


def weights(dst):
    download_url_to_file("https://github.com/acme/seg/releases/latest/download/seg.pth", dst)
    torch.hub.download_url_to_file("https://github.com/acme/seg/releases/latest/download/head.pth", dst, hash_prefix="3c1f4a")


def release_notes():
    # an API call, not a moving file
    return requests.get("https://api.github.com/repos/acme/seg/releases/latest", timeout=10).json()


def config():
    url = "https://raw.githubusercontent.com/acme/seg/v1.2.0/configs/base.yaml"
    return urllib.request.urlopen(url).read()


def docs():
    # "requests.get('https://raw.githubusercontent.com/acme/seg/main/x')" in a string is not a call
    return None


if __name__ == "__main__":
    urllib.request.urlretrieve(f"https://raw.githubusercontent.com/{'acme'}/seg/main/LICENSE", "LICENSE.upstream")
    print(imagenet_labels()[:5])
