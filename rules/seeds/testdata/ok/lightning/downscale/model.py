import lightning as L
import torch


class UNetLite(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 1, 3, padding=1)

    def training_step(self, batch, batch_idx):
        x, y = batch
        return torch.nn.functional.mse_loss(self.conv(x), y)

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters())
