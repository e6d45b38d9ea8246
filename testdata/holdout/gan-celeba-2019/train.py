import os

import torch
import torch.nn as nn
import torch.optim as optim
import torchvision.datasets as dset
import torchvision.transforms as transforms
import torchvision.utils as vutils
from tensorboardX import SummaryWriter

from models import Discriminator, Generator

device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
dataset = dset.ImageFolder(root="./celeba", transform=transforms.Compose([
    transforms.Resize(64), transforms.CenterCrop(64), transforms.ToTensor(),
    transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))]))
loader = torch.utils.data.DataLoader(dataset, batch_size=128, shuffle=True, num_workers=2)

netG, netD = Generator().to(device), Discriminator().to(device)
criterion = nn.BCELoss()
fixed_noise = torch.randn(64, 100, 1, 1, device=device)
optD = optim.Adam(netD.parameters(), lr=0.0002, betas=(0.5, 0.999))
optG = optim.Adam(netG.parameters(), lr=0.0002, betas=(0.5, 0.999))
writer = SummaryWriter()
os.makedirs("pretrained", exist_ok=True)

for epoch in range(50):
    for i, (real, _) in enumerate(loader):
        real = real.to(device)
        b = real.size(0)
        noise = torch.randn(b, 100, 1, 1, device=device)
        fake = netG(noise)
        lossD = criterion(netD(real), torch.ones(b, device=device)) + criterion(netD(fake.detach()), torch.zeros(b, device=device))
        optD.zero_grad(); lossD.backward(); optD.step()
        lossG = criterion(netD(fake), torch.ones(b, device=device))
        optG.zero_grad(); lossG.backward(); optG.step()
        writer.add_scalars("loss", {"D": lossD.item(), "G": lossG.item()}, epoch * len(loader) + i)
    vutils.save_image(netG(fixed_noise).detach(), "samples/epoch%d.png" % (epoch + 1), normalize=True)
    torch.save(netG.state_dict(), "pretrained/G_epoch%d.pth" % (epoch + 1))
