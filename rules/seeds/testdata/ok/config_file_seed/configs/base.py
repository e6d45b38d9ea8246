import ml_collections


def get_config():
    config = ml_collections.ConfigDict()
    config.lr = 3e-4
    config.seed = 0
    return config
