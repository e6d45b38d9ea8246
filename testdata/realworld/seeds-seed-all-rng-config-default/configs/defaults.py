from types import SimpleNamespace

# SEED < 0 means "pick a random seed" (the detectron2 convention).
_C = SimpleNamespace(SEED=-1, OUTPUT_DIR="./output", SOLVER=SimpleNamespace(BASE_LR=0.02, MAX_ITER=90000))


def get_cfg():
    return SimpleNamespace(**vars(_C))
