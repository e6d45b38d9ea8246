import lightning as L
import torch
import torch.nn.functional as F
from omegaconf import DictConfig
from torchmetrics.classification import MulticlassJaccardIndex
from transformers import SegformerForSemanticSegmentation, get_cosine_schedule_with_warmup


class SegFormerModule(L.LightningModule):
    def __init__(self, model_cfg: DictConfig, optim_cfg: DictConfig):
        super().__init__()
        self.save_hyperparameters()
        self.net = SegformerForSemanticSegmentation.from_pretrained(
            model_cfg.name,
            revision=model_cfg.revision,
            num_labels=model_cfg.num_labels,
            ignore_mismatched_sizes=True,
        )
        self.optim_cfg = optim_cfg
        self.miou = MulticlassJaccardIndex(num_classes=model_cfg.num_labels, ignore_index=255)

    def forward(self, pixel_values):
        logits = self.net(pixel_values=pixel_values).logits
        return F.interpolate(logits, size=pixel_values.shape[-2:], mode="bilinear", align_corners=False)

    def training_step(self, batch, _):
        logits = self(batch["pixel_values"])
        loss = F.cross_entropy(logits, batch["labels"], ignore_index=255)
        self.log("train/loss", loss, prog_bar=True)
        return loss

    def validation_step(self, batch, _):
        logits = self(batch["pixel_values"])
        self.miou.update(logits.argmax(1), batch["labels"])

    def on_validation_epoch_end(self):
        self.log("val/miou", self.miou.compute(), prog_bar=True)
        self.miou.reset()

    def configure_optimizers(self):
        opt = torch.optim.AdamW(self.parameters(), lr=self.optim_cfg.lr,
                                weight_decay=self.optim_cfg.weight_decay)
        total = self.trainer.estimated_stepping_batches
        sched = get_cosine_schedule_with_warmup(opt, int(total * self.optim_cfg.warmup_ratio), total)
        return [opt], [{"scheduler": sched, "interval": "step"}]
