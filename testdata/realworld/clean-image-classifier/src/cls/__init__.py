from .model import resnet18

__all__ = ["resnet18"]
