"""yolo-export: PyTorch checkpoint -> ONNX -> TensorRT.

The dummy input only fixes shapes for tracing; its values do not end up in the
exported graph.
"""
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import torch
import typer
from onnxsim import simplify

from yolo_export.model import build_model

app = typer.Typer(help=__doc__)


@app.command()
def onnx_export(ckpt: Path, out: Path, imgsz: int = 640, opset: int = 17, atol: float = 1e-3):
    """Export CKPT to ONNX and check it against PyTorch with ONNX Runtime."""
    state = torch.load(ckpt, map_location="cpu")
    model = build_model(state["cfg"])
    model.load_state_dict(state["model"])
    model.eval()
    dummy = torch.randn(1, 3, imgsz, imgsz)
    torch.onnx.export(model, dummy, out, opset_version=opset, input_names=["images"], output_names=["preds"],
                      dynamic_axes={"images": {0: "batch"}, "preds": {0: "batch"}})
    simplified, ok = simplify(onnx.load(out))
    if not ok:
        raise typer.Exit("onnx-simplifier could not validate the simplified model")
    onnx.save(simplified, out)
    session = ort.InferenceSession(str(out), providers=["CUDAExecutionProvider", "CPUExecutionProvider"])
    with torch.no_grad():
        expected = model(dummy).numpy()
    got = session.run(None, {"images": dummy.numpy()})[0]
    np.testing.assert_allclose(got, expected, atol=atol)
    typer.echo(f"wrote {out}; max abs diff {np.abs(got - expected).max():.2e}")


@app.command()
def trt(onnx_path: Path, engine: Path, fp16: bool = False, workspace_gb: int = 4):
    """Build a TensorRT engine from an ONNX model."""
    import tensorrt

    logger = tensorrt.Logger(tensorrt.Logger.WARNING)
    builder = tensorrt.Builder(logger)
    network = builder.create_network(0)
    parser = tensorrt.OnnxParser(network, logger)
    if not parser.parse(onnx_path.read_bytes()):
        raise typer.Exit("\n".join(str(parser.get_error(i)) for i in range(parser.num_errors)))
    config = builder.create_builder_config()
    config.set_memory_pool_limit(tensorrt.MemoryPoolType.WORKSPACE, workspace_gb << 30)
    if fp16:
        config.set_flag(tensorrt.BuilderFlag.FP16)
    engine.write_bytes(builder.build_serialized_network(network, config))
    typer.echo(f"wrote {engine}")


if __name__ == "__main__":
    app()
