"""Default hyperparameters for ResNet-18 on Imagenette."""
import ml_collections


def get_config():
    config = ml_collections.ConfigDict()
    config.seed = 0
    config.dataset = "imagenette/160px-v2"
    config.image_size = 128
    config.num_classes = 10
    config.batch_size = 128
    config.shuffle_buffer = 16 * 128
    config.num_epochs = 40
    config.learning_rate = 0.1
    config.momentum = 0.9
    config.weight_decay = 5e-4
    config.warmup_epochs = 2
    return config
