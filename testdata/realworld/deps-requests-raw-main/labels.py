import json

import requests

LABELS_URL = "https://raw.githubusercontent.com/anishathalye/imagenet-simple-labels/master/imagenet-simple-labels.json"


def imagenet_labels():
    resp = requests.get(LABELS_URL, timeout=30)
    resp.raise_for_status()
    return json.loads(resp.text)


if __name__ == "__main__":
    print(imagenet_labels()[:5])
