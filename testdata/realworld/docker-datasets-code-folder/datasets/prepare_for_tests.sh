#!/bin/bash -e
# Download the mini datasets used by the unit tests.
BASE=https://dl.fbaipublicfiles.com/detectron2
ROOT=${DETECTRON2_DATASETS:-./}
mkdir -p "$ROOT/coco/annotations"
for anno in instances_val2017_100 person_keypoints_val2017_100; do
  dest="$ROOT/coco/annotations/$anno.json"
  [[ -s $dest ]] && echo "$dest exists" || wget "$BASE/annotations/coco/$anno.json" -O "$dest"
done
