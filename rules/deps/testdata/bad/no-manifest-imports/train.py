"""Train the model.

Usage: python train.py (needs: import sklearn first)
"""
import os, sys
import numpy as np
import cv2
from PIL import Image
import yaml  # config files
# import scipy
from typing import TYPE_CHECKING

import utils
from mylib import core

try:
    import wandb
except ImportError:
    wandb = None

try:
    import ujson as json
except ModuleNotFoundError:
    import json

try: import tensorboardX
except Exception: tensorboardX = None

if TYPE_CHECKING:
    import pandas


def main():
    import numpy.linalg
    print(np, cv2, Image, yaml, os, sys, utils, core, json)
