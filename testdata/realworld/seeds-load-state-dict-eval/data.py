import os

import torch
from torch.utils.data import Dataset


class ValDataset(Dataset):
    def __init__(self, root):
        self.files = sorted(os.listdir(root))
        self.root = root

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        return torch.load(os.path.join(self.root, self.files[i]))
