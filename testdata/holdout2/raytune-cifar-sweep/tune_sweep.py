import argparse
import os
import tempfile

import torch
import torch.nn as nn
from ray import train, tune
from ray.train import Checkpoint
from ray.tune.schedulers import ASHAScheduler
from ray.tune.search.hyperopt import HyperOptSearch
from torch.utils.data import DataLoader

from data import load_splits
from model import SmallCNN


def train_cifar(config):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = SmallCNN(width=config["width"], dropout=config["dropout"]).to(device)
    opt = torch.optim.SGD(model.parameters(), lr=config["lr"], momentum=0.9,
                          weight_decay=config["wd"])
    loss_fn = nn.CrossEntropyLoss()

    train_set, val_set, _ = load_splits()
    train_loader = DataLoader(train_set, batch_size=config["batch_size"], shuffle=True, num_workers=4)
    val_loader = DataLoader(val_set, batch_size=512, num_workers=4)

    for epoch in range(config["epochs"]):
        model.train()
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss_fn(model(x), y).backward()
            opt.step()

        model.eval()
        correct = total = 0
        with torch.no_grad():
            for x, y in val_loader:
                pred = model(x.to(device)).argmax(1).cpu()
                correct += (pred == y).sum().item()
                total += y.numel()

        with tempfile.TemporaryDirectory() as tmp:
            torch.save(model.state_dict(), os.path.join(tmp, "model.pt"))
            train.report({"val_acc": correct / total, "epoch": epoch},
                         checkpoint=Checkpoint.from_directory(tmp))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--num-samples", type=int, default=40)
    parser.add_argument("--gpus-per-trial", type=float, default=0.5)
    parser.add_argument("--name", default="cifar_tpe")
    args = parser.parse_args()

    space = {
        "lr": tune.loguniform(1e-3, 3e-1),
        "wd": tune.loguniform(1e-5, 1e-3),
        "width": tune.choice([16, 32, 64]),
        "dropout": tune.uniform(0.0, 0.5),
        "batch_size": tune.choice([64, 128, 256]),
        "epochs": 30,
    }
    tuner = tune.Tuner(
        tune.with_resources(train_cifar, {"cpu": 4, "gpu": args.gpus_per_trial}),
        param_space=space,
        tune_config=tune.TuneConfig(
            metric="val_acc",
            mode="max",
            search_alg=HyperOptSearch(random_state_seed=7),
            scheduler=ASHAScheduler(max_t=30, grace_period=3, reduction_factor=3),
            num_samples=args.num_samples,
        ),
        run_config=train.RunConfig(name=args.name),
    )
    results = tuner.fit()
    best = results.get_best_result()
    print("best config:", best.config)
    print("best val_acc:", best.metrics["val_acc"])


if __name__ == "__main__":
    main()
