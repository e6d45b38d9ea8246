import lightning as L
import torch
import torchmetrics
from transformers import AutoModelForSequenceClassification

from data import MODEL


class Classifier(L.LightningModule):
    def __init__(self, lr=2e-5):
        super().__init__()
        self.save_hyperparameters()
        self.net = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2)
        self.acc = torchmetrics.Accuracy(task="binary")

    def training_step(self, batch, _):
        out = self.net(**batch)
        self.log("train_loss", out.loss)
        return out.loss

    def test_step(self, batch, _):
        logits = self.net(**{k: v for k, v in batch.items() if k != "labels"}).logits
        self.acc(logits.argmax(-1), batch["labels"])
        self.log("test_acc", self.acc)

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr)
