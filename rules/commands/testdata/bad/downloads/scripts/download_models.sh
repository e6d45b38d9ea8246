#!/bin/bash
set -e
mkdir -p checkpoints data
wget -c https://dl.fbaipublicfiles.com/segment_anything/sam_vit_h_4b8939.pth -O checkpoints/sam_vit_h.pth
curl -L -o checkpoints/groundingdino_swint_ogc.pth \
  https://github.com/IDEA-Research/GroundingDINO/releases/download/v0.1.0-alpha/groundingdino_swint_ogc.pth
wget https://huggingface.co/ShilongLiu/GroundingDINO/resolve/main/GroundingDINO_SwinB.cfg.py -P checkpoints
wget -qO- https://zenodo.org/records/4321/files/val.tar.gz | tar xz -C data
curl -fsSL https://install.python-poetry.org | python3 -
wget https://raw.githubusercontent.com/pypa/get-pip/main/public/get-pip.py && python3 get-pip.py --user
curl -s https://api.github.com/repos/acme/seg/releases/latest | jq -r .tag_name
curl -sf http://localhost:8000/health
wget https://raw.githubusercontent.com/openai/CLIP/a1d071733d7111c9c014f024669f959182114e33/clip/bpe_simple_vocab_16e6.txt.gz -P checkpoints
wget https://huggingface.co/openai/clip-vit-base-patch32/resolve/3d74acf9a28c67741b2f4f2ea7635f0aaf6f0268/config.json -P checkpoints
curl -L -o data/labels.json https://example.com/labels.json
wget "$MIRROR/annotations/instances_val2017.json" -O data/instances_val2017.json
wget "${MIRROR}/annotations/captions_val2017.json" -O data/captions_val2017.json
curl -L -o data/x.json "https://<your-host>/x.json"
