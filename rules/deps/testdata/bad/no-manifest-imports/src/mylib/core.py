from . import helpers
from .helpers import g
