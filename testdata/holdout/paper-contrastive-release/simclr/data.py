from torchvision import datasets, transforms

AUG = transforms.Compose([
    transforms.RandomResizedCrop(32, scale=(0.2, 1.0)),
    transforms.RandomHorizontalFlip(),
    transforms.RandomApply([transforms.ColorJitter(0.4, 0.4, 0.4, 0.1)], p=0.8),
    transforms.RandomGrayscale(p=0.2),
    transforms.ToTensor(),
])


class TwoViews:
    def __init__(self, t):
        self.t = t

    def __call__(self, x):
        return self.t(x), self.t(x)


def build(name, root, train=True):
    cls = {"cifar10": datasets.CIFAR10, "stl10": datasets.STL10}[name]
    if name == "stl10":
        return cls(root, split="unlabeled" if train else "test", download=True, transform=TwoViews(AUG))
    return cls(root, train=train, download=True, transform=TwoViews(AUG))
