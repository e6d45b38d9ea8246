from calibkit.calibrator import Calibrator

__all__ = ["Calibrator"]
