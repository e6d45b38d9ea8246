from .ensemble import EnsembleScorer

__all__ = ["EnsembleScorer"]
