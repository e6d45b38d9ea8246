import ml_collections


def get_config():
    c = ml_collections.ConfigDict()
    c.model = "vit_s16"
    c.dataset = "imagenet2012:5.1.0"
    c.batch_size = 1024
    c.num_epochs = 300
    c.lr = 1e-3
    c.warmup_epochs = 10
    c.seed = -1  # -1: draw a fresh seed
    return c
