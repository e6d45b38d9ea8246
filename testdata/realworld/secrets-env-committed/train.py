import os
print(os.environ["WANDB_API_KEY"][:4])
