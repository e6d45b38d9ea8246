import torch.nn as nn


class SynthesizerTrn(nn.Module):
    def __init__(self, inter_channels=192, hidden_channels=192, n_heads=2, n_layers=6):
        super().__init__()
        self.enc = nn.Conv1d(80, hidden_channels, 5, padding=2)
        self.dec = nn.Conv1d(hidden_channels, 80, 5, padding=2)

    def forward(self, x):
        return self.dec(self.enc(x).relu())
