import pandas as pd
df = pd.read_parquet("data/train.parquet")
