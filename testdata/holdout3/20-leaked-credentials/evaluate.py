import argparse

import timm
import torch
from torchvision import datasets, transforms


@torch.no_grad()
def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ckpt", default="outputs/effnet_b2.pt")
    args = p.parse_args()
    model = timm.create_model("efficientnet_b2", pretrained=False, num_classes=38)
    model.load_state_dict(torch.load(args.ckpt, map_location="cpu"))
    model.eval().cuda()
    tf = transforms.Compose([transforms.Resize(288), transforms.CenterCrop(260), transforms.ToTensor()])
    test = datasets.ImageFolder("data/test", transform=tf)
    correct = sum((model(x.cuda()).argmax(1).cpu() == y).sum().item()
                  for x, y in torch.utils.data.DataLoader(test, batch_size=128))
    print(f"accuracy: {correct / len(test):.4f}")


if __name__ == "__main__":
    main()
