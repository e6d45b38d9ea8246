import torch

from torchaug_lite import Compose, RandomCrop, RandomFlip


def test_shapes():
    torch.manual_seed(0)
    out = Compose([RandomFlip(), RandomCrop(28, padding=2)])(torch.rand(8, 3, 32, 32))
    assert out.shape == (8, 3, 28, 28)


def test_generator_is_repeatable():
    x = torch.rand(8, 3, 32, 32, generator=torch.Generator().manual_seed(1))
    a = RandomCrop(24)(x, generator=torch.Generator().manual_seed(5))
    b = RandomCrop(24)(x, generator=torch.Generator().manual_seed(5))
    assert torch.equal(a, b)
