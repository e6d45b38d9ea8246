import torch
import torchvision
import transformers
import wandb
