import numpy as np
import onnxruntime as ort
import torch


@torch.no_grad()
def verify(model, onnx_path, size, batch=4, atol=1e-4):
    x = torch.randn(batch, 3, *size)
    want = model(x).numpy()
    sess = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    got = sess.run(None, {"pixel_values": x.numpy()})[0]
    diff = float(np.abs(want - got).max())
    return diff <= atol, diff
