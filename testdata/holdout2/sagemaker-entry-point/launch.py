"""Start the fine-tuning job on SageMaker with the Hugging Face DLC."""
import argparse
import os

import sagemaker
from dotenv import load_dotenv
from sagemaker.huggingface import HuggingFace

load_dotenv()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--instance-type", default="ml.g5.2xlarge")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--spot", action="store_true")
    args = p.parse_args()

    session = sagemaker.Session(default_bucket=os.environ["S3_BUCKET"])
    estimator = HuggingFace(
        entry_point="train.py",
        source_dir="source_dir",
        instance_type=args.instance_type,
        instance_count=1,
        role=os.environ["SAGEMAKER_ROLE_ARN"],
        transformers_version="4.36.0",
        pytorch_version="2.1.0",
        py_version="py310",
        hyperparameters={"epochs": args.epochs, "train_batch_size": 32, "learning_rate": 3e-5},
        use_spot_instances=args.spot,
        max_wait=36000 if args.spot else None,
        max_run=36000,
        sagemaker_session=session,
    )
    estimator.fit({
        "train": f"s3://{os.environ['S3_BUCKET']}/reviews/v3/train",
        "test": f"s3://{os.environ['S3_BUCKET']}/reviews/v3/test",
    })
    print("model artifact:", estimator.model_data)


if __name__ == "__main__":
    main()
