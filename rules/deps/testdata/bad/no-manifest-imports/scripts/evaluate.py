import common
from models.resnet import build
import torch_fidelity
