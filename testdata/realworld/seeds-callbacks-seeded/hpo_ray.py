"""Ray Tune runs each trial in a worker process: the trial seeds it first."""
import torch
from ray import train, tune
from ray.tune.search.optuna import OptunaSearch

from common import make_model, seed_all


def trial(config):
    seed_all(config["seed"])
    model = make_model(config["width"])
    opt = torch.optim.SGD(model.parameters(), lr=config["lr"])
    x = torch.randn(256, 8)
    for _ in range(50):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), x.sum(1, keepdim=True))
        loss.backward()
        opt.step()
        train.report({"loss": loss.item()})


if __name__ == "__main__":
    seed_all(0)
    space = {"seed": 0, "width": tune.randint(16, 128), "lr": tune.loguniform(1e-3, 1e-1)}
    tune.run(trial, config=space, num_samples=20, search_alg=OptunaSearch(seed=0), metric="loss", mode="min")
