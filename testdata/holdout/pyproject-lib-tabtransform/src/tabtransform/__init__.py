from .periodic import PeriodicEmbedding
from .quantile import QuantileEmbedding

__all__ = ["PeriodicEmbedding", "QuantileEmbedding"]
__version__ = "0.4.2"
