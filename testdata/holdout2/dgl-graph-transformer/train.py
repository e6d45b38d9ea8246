import json
import sys

import torch
from dgl.dataloading import GraphDataLoader
from sklearn.metrics import mean_absolute_error
from tqdm import tqdm

from data import load_zinc
from model import GraphTransformer

cfg = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "configs/zinc.json"))
device = "cuda"

splits = load_zinc(pe_dim=cfg["pe_dim"])
train_dl = GraphDataLoader(splits["train"], batch_size=cfg["batch_size"], shuffle=True)
val_dl = GraphDataLoader(splits["val"], batch_size=cfg["batch_size"])
test_dl = GraphDataLoader(splits["test"], batch_size=cfg["batch_size"])

model = GraphTransformer(cfg).to(device)
opt = torch.optim.Adam(model.parameters(), lr=cfg["lr"])
sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=0.5, patience=cfg["patience"])


def run_eval(dl):
    model.eval()
    ys, ps = [], []
    with torch.no_grad():
        for g, y in dl:
            ps.append(model(g.to(device)).cpu())
            ys.append(y)
    return mean_absolute_error(torch.cat(ys), torch.cat(ps))


best_val, best_test = 1e9, None
for epoch in tqdm(range(cfg["epochs"])):
    model.train()
    for g, y in train_dl:
        g, y = g.to(device), y.to(device)
        loss = torch.nn.functional.l1_loss(model(g), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    val_mae = run_eval(val_dl)
    sched.step(val_mae)
    if val_mae < best_val:
        best_val, best_test = val_mae, run_eval(test_dl)
        torch.save(model.state_dict(), "gt_zinc_best.pt")
    if opt.param_groups[0]["lr"] < 1e-5:
        break

print(f"val MAE {best_val:.4f}  test MAE {best_test:.4f}")
