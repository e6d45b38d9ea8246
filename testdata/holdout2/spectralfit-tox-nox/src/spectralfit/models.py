import numpy as np
from scipy.special import voigt_profile


def voigt(x, amplitude, center, sigma, gamma):
    """Area-normalised Voigt profile scaled by `amplitude`."""
    return amplitude * voigt_profile(np.asarray(x) - center, sigma, gamma)


def multi_voigt(x, params):
    y = np.zeros_like(x, dtype=float)
    for a, c, s, g in np.asarray(params).reshape(-1, 4):
        y += voigt(x, a, c, s, g)
    return y
