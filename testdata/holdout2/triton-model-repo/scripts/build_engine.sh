#!/usr/bin/env bash
# Build the FP16 TensorRT engine inside the Triton container (same TensorRT as the server).
set -euo pipefail

trtexec --onnx=model_repository/resnet50_onnx/1/model.onnx \
        --saveEngine=model_repository/resnet50_trt/1/model.plan \
        --fp16 \
        --minShapes=input:1x3x224x224 --optShapes=input:16x3x224x224 --maxShapes=input:32x3x224x224
