import os

os.environ.setdefault("API_KEY", "test")

from fastapi.testclient import TestClient  # noqa: E402

from app.main import app  # noqa: E402


def test_rejects_without_key():
    client = TestClient(app)
    assert client.post("/predict", json={"text": "hi"}).status_code == 422
