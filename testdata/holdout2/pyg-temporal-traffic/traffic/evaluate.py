import argparse

import torch

from traffic.data import load
from traffic.model import TrafficA3TGCN


@torch.no_grad()
def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ckpt", default="a3tgcn_metr_la.pt")
    args = p.parse_args()
    _, test_ds = load()
    model = TrafficA3TGCN()
    model.load_state_dict(torch.load(args.ckpt, map_location="cpu"))
    model.eval()
    errs = [torch.nn.functional.l1_loss(model(s.x, s.edge_index, s.edge_attr), s.y[:, 0, :]).item()
            for s in test_ds]
    print(f"test MAE (normalised): {sum(errs) / len(errs):.4f}")


if __name__ == "__main__":
    main()
