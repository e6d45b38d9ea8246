_C = {
    "SEED": -1,
    "SOLVER": {"BASE_LR": 0.02, "MAX_ITER": 90000},
}


def get_cfg():
    return dict(_C)
