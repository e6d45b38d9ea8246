from spectralfit.fit import fit_lines
from spectralfit.lines import reference_lines
from spectralfit.models import voigt

__all__ = ["fit_lines", "reference_lines", "voigt"]
