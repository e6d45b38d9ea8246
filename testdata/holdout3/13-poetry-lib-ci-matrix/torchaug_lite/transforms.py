"""Batched augmentations. Every transform takes an optional torch.Generator;
without one it draws from torch's global RNG, which the caller seeds."""
from typing import Optional, Sequence

import torch
import torch.nn.functional as F


class Compose:
    def __init__(self, transforms: Sequence):
        self.transforms = list(transforms)

    def __call__(self, x: torch.Tensor, generator: Optional[torch.Generator] = None) -> torch.Tensor:
        for t in self.transforms:
            x = t(x, generator=generator)
        return x


class RandomFlip:
    def __init__(self, p: float = 0.5):
        self.p = p

    def __call__(self, x, generator=None):
        mask = torch.rand(x.shape[0], generator=generator, device=x.device) < self.p
        x = x.clone()
        x[mask] = x[mask].flip(-1)
        return x


class RandomCrop:
    def __init__(self, size: int, padding: int = 0):
        self.size, self.padding = size, padding

    def __call__(self, x, generator=None):
        if self.padding:
            x = F.pad(x, [self.padding] * 4)
        n, _, h, w = x.shape
        top = torch.randint(0, h - self.size + 1, (n,), generator=generator)
        left = torch.randint(0, w - self.size + 1, (n,), generator=generator)
        return torch.stack([img[:, t:t + self.size, l:l + self.size] for img, t, l in zip(x, top, left)])
