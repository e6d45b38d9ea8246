from importlib import resources

import numpy as np


def reference_lines(element=None, wmin=None, wmax=None):
    """Rest wavelengths (nm, vacuum) and relative intensities from the bundled NIST ASD extract."""
    with resources.files("spectralfit").joinpath("data/reference_lines.csv").open() as f:
        table = np.genfromtxt(f, delimiter=",", names=True, dtype=None, encoding="utf8")
    mask = np.ones(len(table), dtype=bool)
    if element is not None:
        mask &= table["element"] == element
    if wmin is not None:
        mask &= table["wavelength_nm"] >= wmin
    if wmax is not None:
        mask &= table["wavelength_nm"] <= wmax
    return table[mask]
