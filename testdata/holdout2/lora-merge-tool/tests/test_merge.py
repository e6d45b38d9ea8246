import os

import torch
from peft import PeftModel
from transformers import LlamaConfig, LlamaForCausalLM

from loramerge.merge import merge_adapters

HERE = os.path.dirname(__file__)
ADAPTER = os.path.join(HERE, "fixtures", "tiny-adapter")


def tiny_base(tmp_path):
    torch.manual_seed(0)
    cfg = LlamaConfig(vocab_size=128, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                      num_attention_heads=4, num_key_value_heads=4)
    model = LlamaForCausalLM(cfg)
    model.save_pretrained(tmp_path / "base")
    return model


def test_merged_logits_match_adapter(tmp_path, monkeypatch):
    base = tiny_base(tmp_path)
    monkeypatch.setattr("loramerge.merge.AutoTokenizer.from_pretrained", lambda *a, **k: _NoTok())
    x = torch.randint(0, 128, (2, 16), generator=torch.Generator().manual_seed(1))
    want = PeftModel.from_pretrained(base, ADAPTER)(x).logits
    merged = merge_adapters(str(tmp_path / "base"), [ADAPTER], str(tmp_path / "out"), dtype="float32")
    torch.testing.assert_close(merged(x).logits, want, rtol=1e-4, atol=1e-4)


class _NoTok:
    def save_pretrained(self, path):
        pass
