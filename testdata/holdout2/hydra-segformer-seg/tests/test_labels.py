import torch

from segkit.labels import ROOM_CLASSES, remap


def test_unknown_classes_become_other():
    label = torch.tensor([[0, 3, 99], [255, 5, 14]])
    out = remap(label)
    assert out.tolist() == [[0, 1, len(ROOM_CLASSES) - 1], [255, 2, 4]]
