from dotenv import load_dotenv

load_dotenv()

import argparse
import os

import boto3
import timm
import torch
import wandb
from torchvision import datasets, transforms

from config.settings import S3_BUCKET, S3_PREFIX, WANDB_PROJECT


def sync_data(dest="data"):
    s3 = boto3.client("s3")
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=S3_BUCKET, Prefix=S3_PREFIX):
        for obj in page.get("Contents", []):
            path = os.path.join(dest, obj["Key"][len(S3_PREFIX):])
            if not os.path.exists(path):
                os.makedirs(os.path.dirname(path), exist_ok=True)
                s3.download_file(S3_BUCKET, obj["Key"], path)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    torch.manual_seed(args.seed)
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False
    sync_data()
    tf = transforms.Compose([transforms.RandomResizedCrop(260), transforms.RandomHorizontalFlip(), transforms.ToTensor()])
    train_set = datasets.ImageFolder("data/train", transform=tf)
    g = torch.Generator().manual_seed(args.seed)
    loader = torch.utils.data.DataLoader(train_set, batch_size=64, shuffle=True, generator=g, num_workers=8)
    model = timm.create_model("efficientnet_b2", pretrained=False, num_classes=38).cuda()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    run = wandb.init(project=WANDB_PROJECT, config=vars(args))
    for epoch in range(args.epochs):
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
        run.log({"epoch": epoch, "loss": loss.item()})
    os.makedirs("outputs", exist_ok=True)
    torch.save(model.state_dict(), "outputs/effnet_b2.pt")


if __name__ == "__main__":
    main()
