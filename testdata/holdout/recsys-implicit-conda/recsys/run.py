import argparse

import numpy as np
import pandas as pd
import scipy.sparse as sp
from implicit.als import AlternatingLeastSquares
from implicit.bpr import BayesianPersonalizedRanking
from implicit.evaluation import ndcg_at_k, precision_at_k
from threadpoolctl import threadpool_limits

from recsys.split import temporal_split


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", default="ml-20m")
    ap.add_argument("--model", choices=["als", "bpr"], default="als")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    df = pd.read_csv(f"data/{args.dataset}/ratings.csv")
    df = df[df.rating >= 4]
    train, test = temporal_split(df)
    shape = (df.userId.max() + 1, df.movieId.max() + 1)

    def mat(d):
        return sp.csr_matrix((np.ones(len(d), dtype=np.float32), (d.userId, d.movieId)), shape=shape)

    if args.model == "als":
        model = AlternatingLeastSquares(factors=128, regularization=0.05, iterations=15, random_state=args.seed)
    else:
        model = BayesianPersonalizedRanking(factors=128, learning_rate=0.01, iterations=100, random_state=args.seed)
    with threadpool_limits(1, "blas"):
        model.fit(mat(train))
    print("Recall@20", precision_at_k(model, mat(train), mat(test), K=20, show_progress=False))
    print("NDCG@20", ndcg_at_k(model, mat(train), mat(test), K=20, show_progress=False))


if __name__ == "__main__":
    main()
