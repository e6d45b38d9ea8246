from tabenc.bins import BinEncoder

__all__ = ["BinEncoder"]
