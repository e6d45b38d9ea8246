import numpy as np
import pandas as pd

counts = pd.read_csv(snakemake.input[0], sep="\t", index_col=0)  # genes x samples
lib = counts.sum(axis=0)
cpm = counts / lib * 1e6
keep = (cpm > snakemake.params.min_cpm).sum(axis=1) >= 0.2 * counts.shape[1]
log_cpm = np.log2(cpm[keep] + 1).T  # samples x genes
log_cpm.to_parquet(snakemake.output[0])
