import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from spectralfit import fit_lines, reference_lines, voigt


@settings(max_examples=25, deadline=None)
@given(center=st.floats(500.0, 700.0), sigma=st.floats(0.02, 0.2))
def test_recovers_single_line(center, sigma):
    rng = np.random.default_rng(0)
    x = np.linspace(center - 2, center + 2, 801)
    y = voigt(x, 5.0, center, sigma, 0.03) + rng.normal(0, 0.01, x.size)
    params, _ = fit_lines(x, y, [center + 0.05], baseline="none")
    assert abs(params[0, 1] - center) < 0.01


def test_reference_lines_h_alpha():
    h = reference_lines("H", 656, 657)
    assert np.isclose(h["wavelength_nm"][0], 656.46, atol=0.01)
