import argparse

import matplotlib.pyplot as plt
import numpy as np
from sklearn.manifold import TSNE

ap = argparse.ArgumentParser()
ap.add_argument("--emb", required=True)
ap.add_argument("--out", default="figures/tsne.png")
args = ap.parse_args()
d = np.load(args.emb)
xy = TSNE(n_components=2, perplexity=40, init="pca").fit_transform(d["emb"])
for lab in np.unique(d["labels"]):
    m = d["labels"] == lab
    plt.scatter(xy[m, 0], xy[m, 1], s=2, label=lab)
plt.legend(markerscale=5, fontsize=6)
plt.savefig(args.out, dpi=200)
