FROM myproject-base:v1
COPY src/ /app/src/
USER 1000
