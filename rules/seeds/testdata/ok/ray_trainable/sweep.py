import numpy as np
import torch
from ray import train, tune

from nets import MLP
from seeding import seed_everything


def fit_trial(config, data):
    seed_everything(config["seed"])
    x, y = data
    model = MLP(config["hidden"])
    opt = torch.optim.Adam(model.parameters(), lr=config["lr"])
    for _ in range(20):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        train.report({"loss": loss.item()})


def main():
    seed_everything(0)  # the data; each trial seeds its own worker
    x = torch.from_numpy(np.random.rand(512, 16).astype("float32"))
    y = x.sum(1, keepdim=True)
    tuner = tune.Tuner(
        tune.with_parameters(fit_trial, data=(x, y)),
        param_space={"seed": 0, "hidden": tune.choice([32, 64]), "lr": tune.loguniform(1e-4, 1e-2)},
        tune_config=tune.TuneConfig(metric="loss", mode="min", num_samples=8),
    )
    tuner.fit()


if __name__ == "__main__":
    main()
