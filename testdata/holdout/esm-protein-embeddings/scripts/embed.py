import argparse

import numpy as np
import torch
from Bio import SeqIO

ap = argparse.ArgumentParser()
ap.add_argument("--fasta", required=True)
ap.add_argument("--out", required=True)
args = ap.parse_args()

model, alphabet = torch.hub.load("facebookresearch/esm:main", "esm2_t33_650M_UR50D")
model = model.eval().cuda()
batch_converter = alphabet.get_batch_converter()
ids, embs, labels, split = [], [], [], []
for rec in SeqIO.parse(args.fasta, "fasta"):
    _, _, toks = batch_converter([(rec.id, str(rec.seq)[:1022])])
    with torch.no_grad():
        rep = model(toks.cuda(), repr_layers=[33])["representations"][33]
    embs.append(rep[0, 1:-1].mean(0).cpu().numpy())
    desc = rec.description.split()
    ids.append(rec.id)
    labels.append(desc[1].split("-")[0])
    split.append("test" if "test" in desc else "train")
np.savez(args.out, ids=ids, emb=np.stack(embs), labels=labels, split=split)
