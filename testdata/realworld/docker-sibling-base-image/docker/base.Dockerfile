FROM pytorch/pytorch:2.2.1-cuda12.1-cudnn8-runtime@sha256:4a5d8d2c3f1e0b9a8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b
RUN pip install --no-cache-dir numpy==1.26.4 opencv-python-headless==4.9.0.80
