#!/bin/bash
set -e
mkdir -p pretrained
gdown --id 1q86w74Ygw2hNzYP9cWkeClGT5X25PvBT -O pretrained/G_800000.pth
gdown --folder https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOpQrStUvWx
gdown 1ZyXwVuTsRqPoNmLkJiHgFeDcBa -O pretrained/D_800000.pth
md5sum pretrained/D_800000.pth
