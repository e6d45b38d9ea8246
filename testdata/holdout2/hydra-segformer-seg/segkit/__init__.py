"""SegFormer fine-tuning on an ADE20K subset."""
