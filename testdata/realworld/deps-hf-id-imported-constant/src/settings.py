"""Project settings."""

ENCODER = "org/bio-encoder-base"
TOKENIZER_REVISION = "5d2c4b1a0f9e8d7c6b5a49382716050f4e3d2c1b"
MAX_LEN = 512
