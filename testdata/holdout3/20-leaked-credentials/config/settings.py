"""Settings read from the environment (populated from .env by python-dotenv)."""
import os

WANDB_PROJECT = "crop-disease"
WANDB_API_KEY = os.environ.get("WANDB_API_KEY", "")
S3_BUCKET = "acme-agri-ml"
S3_PREFIX = "plantvillage/"
AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY")
