from darts.metrics import mape
from darts.models import ExponentialSmoothing
from darts.utils.utils import SeasonalityMode

from data import load_series, split


def main():
    series, _ = load_series()
    train, test, scaler = split(series)
    model = ExponentialSmoothing(seasonal=SeasonalityMode.ADDITIVE, seasonal_periods=24)
    model.fit(train[-24 * 7 * 8:])
    pred = model.predict(24)
    print(f"ETS 24h MAPE: {mape(scaler.inverse_transform(test[:24]), scaler.inverse_transform(pred)):.2f}%")


if __name__ == "__main__":
    main()
