from .misc import seed_everything

__all__ = ["seed_everything"]
