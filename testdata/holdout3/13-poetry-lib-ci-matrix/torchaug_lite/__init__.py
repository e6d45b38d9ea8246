from .transforms import Compose, RandomCrop, RandomFlip

__all__ = ["Compose", "RandomCrop", "RandomFlip"]
__version__ = "0.4.1"
