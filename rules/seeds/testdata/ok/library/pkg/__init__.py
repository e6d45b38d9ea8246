from .model import init_weights
