import lightning
import torch
from torch import nn


class LitClassifier(lightning.LightningModule):
    def __init__(self):
        super().__init__()
        self.layer = nn.Linear(28 * 28, 10)

    def training_step(self, batch, batch_idx):
        x, y = batch
        return nn.functional.cross_entropy(self.layer(x.flatten(1)), y)

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=1e-3)


if __name__ == "__main__":
    lightning.seed_everything(42, workers=True)
    model = LitClassifier()
    trainer = lightning.Trainer(max_epochs=1, deterministic=True)
    trainer.fit(model, train_dataloaders=torch.load("data/train_loader.pt"))
