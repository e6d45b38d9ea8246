"""Optuna runs the objective in this process, after main() has seeded it."""
import optuna
import torch

from common import make_model, seed_all


def objective(trial):
    model = make_model(trial.suggest_int("width", 16, 128))
    opt = torch.optim.SGD(model.parameters(), lr=trial.suggest_float("lr", 1e-3, 1e-1, log=True))
    x = torch.randn(256, 8)
    for _ in range(50):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), x.sum(1, keepdim=True))
        loss.backward()
        opt.step()
    return loss.item()


def main():
    seed_all(0)
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=0))
    study.optimize(objective, n_trials=20)
    print(study.best_params)


if __name__ == "__main__":
    main()
