import argparse

from darts.models import TFTModel
from darts.utils.likelihood_models import QuantileRegression

from data import load_series, split

SEED = 42


def build(epochs):
    return TFTModel(
        input_chunk_length=168,
        output_chunk_length=24,
        hidden_size=32,
        lstm_layers=1,
        num_attention_heads=4,
        dropout=0.1,
        batch_size=64,
        n_epochs=epochs,
        likelihood=QuantileRegression(quantiles=[0.1, 0.5, 0.9]),
        random_state=SEED,
        model_name="tft_household",
        save_checkpoints=True,
        force_reset=True,
        pl_trainer_kwargs={"accelerator": "gpu", "devices": 1, "deterministic": True},
    )


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=30)
    args = p.parse_args()
    series, covs = load_series()
    train, test, _ = split(series)
    model = build(args.epochs)
    model.fit(train, future_covariates=covs, val_series=test[:24 * 30], val_future_covariates=covs)


if __name__ == "__main__":
    main()
