import argparse
import random

import torch

from tables import read_events


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", default="data/events.csv")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    events, n_users = read_events(args.events)
    print(events.sample(5))  # a look at the data: changes no result
    holdout = events.sample(frac=0.1, random_state=args.seed)
    events.drop(holdout.index).to_parquet("data/train.parquet")
    holdout.to_parquet("data/holdout.parquet")

    # .sample of things that are not pandas objects
    probe_users = random.sample(sorted(events.user_id.unique()), 10)
    noise = torch.distributions.Normal(0.0, 1.0).sample((len(probe_users),))
    torch.save(noise, "data/probe_noise.pt")


if __name__ == "__main__":
    main()
