import os
import pickle

import dgl
import torch


def load_zinc(root="data/ZINC_subset", pe_dim=8):
    splits = {}
    for name in ["train", "val", "test"]:
        with open(os.path.join(root, f"{name}.pickle"), "rb") as f:
            mols = pickle.load(f)
        graphs, targets = [], []
        for m in mols:
            src, dst = m["bond_type"].nonzero(as_tuple=True)
            g = dgl.graph((src, dst), num_nodes=m["num_atom"])
            g.ndata["feat"] = m["atom_type"].long()
            g.edata["feat"] = m["bond_type"][src, dst].long()
            g.ndata["pe"] = dgl.lap_pe(g, k=pe_dim, padding=True)
            graphs.append(g)
            targets.append(m["logP_SA_cycle_normalized"])
        splits[name] = list(zip(graphs, torch.stack(targets)))
    return splits
