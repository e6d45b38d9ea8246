from typing import Optional, Sequence

import torch
from peft import PeftModel
from transformers import AutoModelForCausalLM, AutoTokenizer

DTYPES = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}


def merge_adapters(
    base: str,
    adapters: Sequence[str],
    out: str,
    base_revision: Optional[str] = None,
    adapter_revisions: Optional[Sequence[Optional[str]]] = None,
    weights: Optional[Sequence[float]] = None,
    dtype: str = "bfloat16",
):
    adapter_revisions = adapter_revisions or [None] * len(adapters)
    weights = weights or [1.0] * len(adapters)
    model = AutoModelForCausalLM.from_pretrained(base, revision=base_revision, torch_dtype=torch.float32)
    tokenizer = AutoTokenizer.from_pretrained(base, revision=base_revision)
    for path, rev, w in zip(adapters, adapter_revisions, weights):
        peft_model = PeftModel.from_pretrained(model, path, revision=rev)
        if w != 1.0:
            for module in peft_model.modules():
                if hasattr(module, "scaling"):
                    module.scaling = {k: v * w for k, v in module.scaling.items()}
        model = peft_model.merge_and_unload()
    model = model.to(DTYPES[dtype])
    model.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    return model
