import pandas as pd
from sklearn.model_selection import train_test_split

expr = pd.read_parquet(snakemake.input.expr)
clin = pd.read_csv(snakemake.input.clinical, sep="\t", index_col="sample_id")
df = expr.join(clin[["pam50"]], how="inner").dropna(subset=["pam50"])
train, test = train_test_split(df, test_size=snakemake.params.test_size, stratify=df["pam50"],
                               random_state=snakemake.params.seed)
train.to_parquet(snakemake.output.train)
test.to_parquet(snakemake.output.test)
