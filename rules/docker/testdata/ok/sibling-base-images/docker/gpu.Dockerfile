FROM org/cuda-base:2024.1 AS cuda
FROM ghcr.io/org/serve-base:1.0
COPY --from=docker.io/myproject-eval-base /opt/eval /opt/eval
COPY --from=cuda /usr/local/cuda /usr/local/cuda
USER 1000
