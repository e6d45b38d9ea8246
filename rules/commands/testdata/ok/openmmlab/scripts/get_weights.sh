#!/bin/bash
set -e
mkdir -p pretrained
gdown --id 1q86w74Ygw2hNzYP9cWkeClGT5X25PvBT -O pretrained/G_800000.pth
gdown 1ZyXwVuTsRqPoNmLkJiHgFeDcBa -O pretrained/D_800000.pth
sha256sum -c pretrained.sha256
gdown --help
