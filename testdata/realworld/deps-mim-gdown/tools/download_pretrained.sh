#!/usr/bin/env bash
mkdir -p pretrained
gdown --id 1AbCdEfGhIjKlMnOpQrStUvWxYz012345 -O pretrained/mit_b0.pth
gdown 1ZyXwVuTsRqPoNmLkJiHgFeDcBa987654 -O pretrained/segformer_b0_ade.pth
echo "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  pretrained/segformer_b0_ade.pth" | sha256sum -c -
