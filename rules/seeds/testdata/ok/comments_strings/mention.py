"""Module docstring: call np.random.rand(3) to get noise."""
import numpy as np

# np.random.rand(10) would be unseeded here
MESSAGE = "np.random.rand(5) is not seeded"
TEMPLATE = f"use np.random.rand({3}) or torch.randn(2)"
RAW = rb'np.random.randn(2)'
MULTI = f"""
    np.random.rand(7) {np.pi:.2f} torch.randn(2)
"""


def main():
    print(MESSAGE, TEMPLATE, RAW, MULTI)  # np.random.rand()


if __name__ == "__main__":
    main()
