FROM ghcr.io/org/gpu-base:cu121
USER 1000
