import torch
from datasets import load_dataset
from torch.utils.data import IterableDataset


class PackedStream(IterableDataset):
    """Tokenised documents from a streaming Hub dataset, packed into fixed-length rows."""

    def __init__(self, cfg, tokenizer, rank, world_size, seed):
        ds = load_dataset(cfg["dataset"], name=cfg["name"], revision=cfg["revision"],
                          split="train", streaming=True)
        self.ds = ds.shuffle(seed=seed, buffer_size=10_000).shard(num_shards=world_size, index=rank)
        self.tok = tokenizer
        self.seq_len = cfg["seq_len"]

    def __iter__(self):
        buf = []
        for doc in self.ds:
            buf.extend(self.tok(doc["text"])["input_ids"] + [self.tok.eos_token_id])
            while len(buf) > self.seq_len:
                row, buf = buf[: self.seq_len + 1], buf[self.seq_len:]
                yield torch.tensor(row)
