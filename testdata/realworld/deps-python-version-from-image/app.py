import numpy as np
import onnxruntime as ort
from fastapi import FastAPI

app = FastAPI()
session = ort.InferenceSession("model.onnx")


@app.post("/predict")
def predict(features: list[float]):
    out = session.run(None, {"input": np.asarray([features], dtype=np.float32)})
    return {"score": float(out[0][0][0])}
