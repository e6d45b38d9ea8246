import torch
import torch.nn as nn
import torch.nn.functional as F
from mmseg.models.decode_heads.decode_head import BaseDecodeHead
from mmseg.registry import MODELS


@MODELS.register_module()
class LightHamHead(BaseDecodeHead):
    """All-MLP decoder with a single fused projection."""

    def __init__(self, interpolate_mode="bilinear", **kwargs):
        super().__init__(input_transform="multiple_select", **kwargs)
        self.interpolate_mode = interpolate_mode
        self.proj = nn.ModuleList([nn.Conv2d(c, self.channels, 1) for c in self.in_channels])
        self.fuse = nn.Sequential(nn.Conv2d(self.channels * len(self.in_channels), self.channels, 1, bias=False),
                                  nn.BatchNorm2d(self.channels), nn.ReLU(inplace=True))

    def forward(self, inputs):
        inputs = self._transform_inputs(inputs)
        size = inputs[0].shape[2:]
        outs = [F.interpolate(p(x), size=size, mode=self.interpolate_mode, align_corners=False)
                for p, x in zip(self.proj, inputs)]
        return self.cls_seg(self.fuse(torch.cat(outs, dim=1)))
