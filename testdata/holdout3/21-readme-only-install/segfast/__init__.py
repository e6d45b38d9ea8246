from .head import LightHamHead  # noqa: F401
