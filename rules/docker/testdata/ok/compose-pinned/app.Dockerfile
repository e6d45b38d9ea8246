FROM python:3.11-slim@sha256:abababababababababababababababababababababababababababababababab
COPY app.py /app/
USER app
