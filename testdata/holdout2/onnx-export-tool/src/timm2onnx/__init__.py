from timm2onnx.export import export_model
from timm2onnx.verify import verify

__all__ = ["export_model", "verify"]
