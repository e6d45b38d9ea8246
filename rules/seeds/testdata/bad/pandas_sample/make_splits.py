import argparse

from tables import read_events


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", default="data/events.csv")
    args = parser.parse_args()

    events, n_users = read_events(args.events)
    print(events.sample(5))  # a look at the data: changes no result
    holdout = events.sample(frac=0.1)
    events.drop(holdout.index).to_parquet("data/train.parquet")
    holdout.to_parquet("data/holdout.parquet")


if __name__ == "__main__":
    main()
