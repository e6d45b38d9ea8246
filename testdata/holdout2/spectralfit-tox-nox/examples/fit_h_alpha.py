"""Fit a synthetic H-alpha + [N II] complex and print the recovered centers."""
import numpy as np

from spectralfit import fit_lines, reference_lines, voigt

rng = np.random.default_rng(42)
lines = reference_lines(wmin=654, wmax=659)
x = np.linspace(654, 659, 2000)
y = sum(voigt(x, 10 * r["intensity"], r["wavelength_nm"], 0.08, 0.02) for r in lines)
y = y + rng.normal(0, 0.02, x.size)
params, res = fit_lines(x, y, lines["wavelength_nm"] + 0.03)
for (a, c, s, g), r in zip(params, lines):
    print(f"{r['element']:>4} {r['wavelength_nm']:.3f} -> {c:.3f} nm")
