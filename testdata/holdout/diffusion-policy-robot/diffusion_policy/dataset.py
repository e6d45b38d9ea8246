import numpy as np
import torch
import zarr


class PushTDataset(torch.utils.data.Dataset):
    def __init__(self, path, horizon=16):
        root = zarr.open(path, "r")
        self.action = np.asarray(root["data/action"], dtype=np.float32)
        self.obs = np.asarray(root["data/state"], dtype=np.float32)
        self.horizon = horizon

    def __len__(self):
        return len(self.action) - self.horizon

    def __getitem__(self, i):
        return {"action": torch.from_numpy(self.action[i:i + self.horizon]),
                "obs": torch.from_numpy(self.obs[i:i + 2])}
