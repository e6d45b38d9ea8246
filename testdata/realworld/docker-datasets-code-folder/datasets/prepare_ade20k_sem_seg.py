import os
from pathlib import Path

import numpy as np
from PIL import Image


def convert(input_path, output_path):
    img = np.asarray(Image.open(input_path))
    Image.fromarray((img - 1).astype(np.uint8)).save(output_path)


if __name__ == "__main__":
    root = Path(os.getenv("DETECTRON2_DATASETS", "datasets")) / "ADEChallengeData2016"
    for name in ["training", "validation"]:
        out = root / "annotations_detectron2" / name
        out.mkdir(parents=True, exist_ok=True)
        for f in (root / "annotations" / name).iterdir():
            convert(f, out / f.name)
