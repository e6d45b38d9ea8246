import lightning as L
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoTokenizer, DataCollatorWithPadding

MODEL = "distilbert-base-uncased"


class IMDbData(L.LightningDataModule):
    def __init__(self, batch_size=32):
        super().__init__()
        self.batch_size = batch_size
        self.tok = AutoTokenizer.from_pretrained(MODEL)

    def setup(self, stage=None):
        ds = load_dataset("stanfordnlp/imdb", revision="e6281661ce1c48d982bc483cf8a173c1bbeb5d31")
        ds = ds.map(lambda b: self.tok(b["text"], truncation=True, max_length=256), batched=True)
        self.ds = ds.remove_columns(["text"]).rename_column("label", "labels")

    def train_dataloader(self):
        return DataLoader(self.ds["train"], batch_size=self.batch_size, shuffle=True, num_workers=4,
                          collate_fn=DataCollatorWithPadding(self.tok))

    def test_dataloader(self):
        return DataLoader(self.ds["test"], batch_size=64, num_workers=4, collate_fn=DataCollatorWithPadding(self.tok))
