FROM myproject-base:v1
WORKDIR /workspace
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY src/ src/
USER 1000
CMD ["python", "-m", "src.train"]
