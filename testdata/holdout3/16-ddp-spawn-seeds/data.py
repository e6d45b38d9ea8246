import torchvision.transforms as T
from torchvision import datasets

MEAN, STD = (0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)


def cifar10(root, train):
    if train:
        tf = T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(), T.ToTensor(), T.Normalize(MEAN, STD)])
    else:
        tf = T.Compose([T.ToTensor(), T.Normalize(MEAN, STD)])
    return datasets.CIFAR10(root, train=train, download=False, transform=tf)
