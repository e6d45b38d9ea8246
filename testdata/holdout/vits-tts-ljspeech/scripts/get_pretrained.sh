#!/bin/bash
mkdir -p pretrained
gdown --id 1q86w74Ygw2hNzYP9cWkeClGT5X25PvBT -O pretrained/G_800000.pth
