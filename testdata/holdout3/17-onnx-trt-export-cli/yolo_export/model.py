"""The detector architecture, rebuilt from the config stored in a checkpoint."""
import torch
from torch import nn


def conv(c_in, c_out, k=3, s=1):
    return nn.Sequential(nn.Conv2d(c_in, c_out, k, s, k // 2, bias=False), nn.BatchNorm2d(c_out), nn.SiLU())


class TinyDetector(nn.Module):
    def __init__(self, width=16, num_classes=80, num_anchors=3):
        super().__init__()
        w = width
        self.backbone = nn.Sequential(conv(3, w, 3, 2), conv(w, 2 * w, 3, 2), conv(2 * w, 4 * w, 3, 2),
                                      conv(4 * w, 8 * w, 3, 2), conv(8 * w, 8 * w, 3, 2))
        self.head = nn.Conv2d(8 * w, num_anchors * (5 + num_classes), 1)

    def forward(self, x):
        return self.head(self.backbone(x))


def build_model(cfg):
    return TinyDetector(cfg.get("width", 16), cfg.get("num_classes", 80), cfg.get("num_anchors", 3))


def load_checkpoint(path):
    ckpt = torch.load(path, map_location="cpu")
    model = build_model(ckpt["cfg"])
    model.load_state_dict(ckpt["model"])
    return model.eval()
