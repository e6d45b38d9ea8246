import torch
import lab_common
