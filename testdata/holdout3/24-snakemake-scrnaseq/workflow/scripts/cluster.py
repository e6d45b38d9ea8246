import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import scanpy as sc
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

seed = snakemake.params.seed
adata = sc.read_h5ad(snakemake.input[0])
sc.tl.pca(adata, svd_solver="arpack", random_state=seed)
sc.pp.neighbors(adata, n_neighbors=10, n_pcs=40, random_state=seed)
sc.tl.leiden(adata, resolution=snakemake.params.resolution, random_state=seed)
sc.tl.umap(adata, random_state=seed)

# Baseline: k-means on the PCA embedding, compared with Leiden.
kmeans = KMeans(n_clusters=snakemake.params.n_kmeans, n_init=10)
adata.obs["kmeans"] = kmeans.fit_predict(adata.obsm["X_pca"][:, :40]).astype(str)
print("ARI(leiden, kmeans) =", adjusted_rand_score(adata.obs["leiden"], adata.obs["kmeans"]))

meta = pd.DataFrame({"leiden": adata.obs["leiden"], "kmeans": adata.obs["kmeans"],
                     "umap1": adata.obsm["X_umap"][:, 0], "umap2": adata.obsm["X_umap"][:, 1]},
                    index=adata.obs_names)
meta.to_csv(snakemake.output.meta)

# Plot a 1,000-cell subsample so the figure stays readable.
shown = meta.sample(n=1000)
fig, ax = plt.subplots(figsize=(5, 5))
for cluster, part in shown.groupby("leiden"):
    ax.scatter(part.umap1, part.umap2, s=4, label=cluster)
ax.legend(markerscale=3, fontsize=6, ncol=2)
ax.set_axis_off()
fig.savefig(snakemake.output.umap, dpi=200, bbox_inches="tight")
adata.write(snakemake.output.h5ad)
