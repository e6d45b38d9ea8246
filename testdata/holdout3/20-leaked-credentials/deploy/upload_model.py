"""Upload a trained checkpoint to the model bucket on GCS."""
import argparse

from google.cloud import storage


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ckpt", default="outputs/effnet_b2.pt")
    p.add_argument("--bucket", default="acme-agri-models")
    args = p.parse_args()
    client = storage.Client.from_service_account_json("deploy/gcp-sa.json")
    client.bucket(args.bucket).blob("crop-disease/effnet_b2.pt").upload_from_filename(args.ckpt)


if __name__ == "__main__":
    main()
