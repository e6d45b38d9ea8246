import argparse
import math
import os

import torch
import yaml
from datasets import load_dataset
from mamba_ssm.models.config_mamba import MambaConfig
from mamba_ssm.models.mixer_seq_simple import MambaLMHeadModel
from transformers import AutoTokenizer

from mambapt import TOKENIZER

WIKITEXT_REVISION = "b08601e04326c79dfdd32d625aee71d232d685c3"


@torch.no_grad()
def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--ckpt", required=True)
    args = parser.parse_args()
    cfg = yaml.safe_load(open(args.config))
    tok = AutoTokenizer.from_pretrained(TOKENIZER)
    model = MambaLMHeadModel(MambaConfig(**cfg["model"]), device="cuda", dtype=torch.bfloat16)
    model.load_state_dict(torch.load(os.path.join(args.ckpt, "model.pt"), map_location="cuda"))
    model.eval()
    text = "\n\n".join(load_dataset("wikitext", "wikitext-103-raw-v1", split="test",
                                    revision=WIKITEXT_REVISION)["text"])
    ids = torch.tensor(tok(text)["input_ids"], device="cuda")
    nll, n = 0.0, 0
    for i in range(0, ids.numel() - 2049, 2048):
        chunk = ids[i:i + 2049].unsqueeze(0)
        logits = model(chunk[:, :-1]).logits.float()
        nll += torch.nn.functional.cross_entropy(logits[0], chunk[0, 1:], reduction="sum").item()
        n += 2048
    print(f"wikitext-103 test perplexity: {math.exp(nll / n):.2f}")


if __name__ == "__main__":
    main()
