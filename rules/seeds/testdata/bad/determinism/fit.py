"""Lightning training on GPU: the Trainer trains, and nothing asks for determinism."""
import lightning as L
import torch

from lit import LitNet

if __name__ == "__main__":
    torch.manual_seed(0)
    trainer = L.Trainer(accelerator="gpu", devices=1)
    model = LitNet().cuda()
    trainer.fit(model)
