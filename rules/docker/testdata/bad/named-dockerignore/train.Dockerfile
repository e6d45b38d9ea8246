FROM python:3.11-slim@sha256:abababababababababababababababababababababababababababababababab
COPY train.py /app/
