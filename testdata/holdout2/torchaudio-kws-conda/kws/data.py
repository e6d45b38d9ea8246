import os
import random

import torch
import torchaudio
from torchaudio.datasets import SPEECHCOMMANDS

SAMPLE_RATE = 16000
LABELS = sorted([
    "backward", "bed", "bird", "cat", "dog", "down", "eight", "five", "follow", "forward",
    "four", "go", "happy", "house", "learn", "left", "marvin", "nine", "no", "off", "on",
    "one", "right", "seven", "sheila", "six", "stop", "three", "tree", "two", "up",
    "visual", "wow", "yes", "zero",
])


class KWSDataset(torch.utils.data.Dataset):
    def __init__(self, root: str, subset: str, augment: bool = False):
        os.makedirs(root, exist_ok=True)
        self.ds = SPEECHCOMMANDS(root, download=True, subset=subset)
        self.augment = augment
        self.melspec = torchaudio.transforms.MelSpectrogram(SAMPLE_RATE, n_fft=480, hop_length=160, n_mels=40)
        noise_dir = os.path.join(self.ds._path, "_background_noise_")
        self.noises = [torchaudio.load(os.path.join(noise_dir, f))[0]
                       for f in sorted(os.listdir(noise_dir)) if f.endswith(".wav")]

    def __len__(self):
        return len(self.ds)

    def _augment(self, wav):
        shift = random.randint(-1600, 1600)
        wav = torch.roll(wav, shift, dims=-1)
        if random.random() < 0.8:
            noise = random.choice(self.noises)
            start = random.randint(0, noise.shape[-1] - SAMPLE_RATE)
            wav = wav + 0.1 * torch.rand(1) * noise[:, start:start + SAMPLE_RATE]
        return wav

    def __getitem__(self, i):
        wav, sr, label, *_ = self.ds[i]
        wav = torch.nn.functional.pad(wav, (0, SAMPLE_RATE - wav.shape[-1]))
        if self.augment:
            wav = self._augment(wav)
        feats = (self.melspec(wav) + 1e-6).log()
        return feats, LABELS.index(label)
