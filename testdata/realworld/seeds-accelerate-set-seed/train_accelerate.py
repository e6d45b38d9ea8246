import accelerate.utils
import numpy as np
import torch
from accelerate import Accelerator


def main(seed=1234):
    accelerator = Accelerator()
    accelerate.utils.set_seed(seed)
    model = torch.nn.Sequential(torch.nn.Linear(16, 16), torch.nn.Dropout(0.2), torch.nn.Linear(16, 1))
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
    model, optimizer = accelerator.prepare(model, optimizer)
    batch = torch.from_numpy(np.random.rand(8, 16).astype("float32"))
    loss = model(batch.to(accelerator.device)).pow(2).mean()
    accelerator.backward(loss)
    optimizer.step()


if __name__ == "__main__":
    main()
