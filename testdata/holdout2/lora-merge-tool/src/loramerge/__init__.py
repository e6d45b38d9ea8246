from loramerge.merge import merge_adapters

__all__ = ["merge_adapters"]
__version__ = "0.4.1"
