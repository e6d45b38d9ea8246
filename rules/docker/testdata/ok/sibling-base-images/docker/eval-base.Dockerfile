FROM python:3.11-slim@sha256:abababababababababababababababababababababababababababababababab
RUN pip install --no-cache-dir numpy==1.26.4
USER 1000
