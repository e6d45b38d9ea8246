import sys

import torch
from PIL import Image
from torchvision.transforms.functional import to_tensor

from lab_common.nets import SmallConvNet


def main(ckpt, image):
    model = SmallConvNet()
    model.load_state_dict(torch.load(ckpt, map_location="cpu"))
    model.eval()
    with torch.no_grad():
        logits = model(to_tensor(Image.open(image).convert("RGB")).unsqueeze(0))
    print(int(logits.argmax(1)))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
