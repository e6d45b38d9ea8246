import argparse

import pandas as pd
from darts.metrics import mape
from darts.models import NBEATSModel, TFTModel

from data import load_series, split


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", choices=["tft", "nbeats"], default="tft")
    p.add_argument("--start", default="2009-11-26")
    args = p.parse_args()
    series, covs = load_series()
    scaled, _, scaler = split(series, cutoff=series.end_time())
    if args.model == "tft":
        model = TFTModel.load_from_checkpoint("tft_household", best=True)
        kwargs = {"future_covariates": covs, "num_samples": 200}
    else:
        model = NBEATSModel(input_chunk_length=168, output_chunk_length=24, n_epochs=20, random_state=42)
        kwargs = {}
    hist = model.historical_forecasts(scaled, start=pd.Timestamp(args.start), forecast_horizon=24,
                                      stride=24, retrain=args.model == "nbeats", last_points_only=False,
                                      **kwargs)
    errs = [mape(scaler.inverse_transform(scaled.slice_intersect(h)), scaler.inverse_transform(h)) for h in hist]
    print(f"{args.model}: mean 24h MAPE over {len(errs)} days: {sum(errs) / len(errs):.2f}%")


if __name__ == "__main__":
    main()
