import pytest

from timm2onnx import export_model, verify


@pytest.mark.parametrize("name", ["resnet18", "mobilenetv3_small_100", "vit_tiny_patch16_224"])
def test_roundtrip(tmp_path, name):
    out = tmp_path / f"{name}.onnx"
    model, size = export_model(name, str(out), pretrained=False)
    ok, diff = verify(model, str(out), size)
    assert ok, diff
