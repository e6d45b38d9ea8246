TOKENIZER = "EleutherAI/gpt-neox-20b"
