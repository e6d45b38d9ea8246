import argparse
import os

import torch
import torch.nn.functional as F
from diffusers import DDPMScheduler, UNet2DModel
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

p = argparse.ArgumentParser()
p.add_argument("--data_dir", required=True)
p.add_argument("--epochs", type=int, default=100)
p.add_argument("--out", default="ddpm-out")
args = p.parse_args()

device = "cuda"
tf = transforms.Compose([transforms.Resize(64), transforms.CenterCrop(64),
                         transforms.RandomHorizontalFlip(), transforms.ToTensor(),
                         transforms.Normalize([0.5], [0.5])])
ds = datasets.ImageFolder(args.data_dir, transform=tf)
dl = DataLoader(ds, batch_size=64, shuffle=True, num_workers=4)

model = UNet2DModel(sample_size=64, in_channels=3, out_channels=3,
                    block_out_channels=(128, 128, 256, 256, 512, 512)).to(device)
sched = DDPMScheduler(num_train_timesteps=1000)
opt = torch.optim.AdamW(model.parameters(), lr=1e-4)

for epoch in range(args.epochs):
    for x, _ in dl:
        x = x.to(device)
        noise = torch.randn_like(x)
        t = torch.randint(0, 1000, (x.shape[0],), device=device)
        loss = F.mse_loss(model(sched.add_noise(x, noise, t), t).sample, noise)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(epoch, loss.item())
    model.save_pretrained(os.path.join(args.out, "unet"))
    sched.save_pretrained(os.path.join(args.out, "scheduler"))
