FROM python:3.11-slim@sha256:abababababababababababababababababababababababababababababababab
COPY src/ /app/src/
USER 1000
