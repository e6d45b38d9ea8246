import torch
from torch.utils.data import DataLoader


def main(dataset):
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 2).cuda()
    loader = DataLoader(dataset, batch_size=32, shuffle=True, num_workers=4)
    for xb in loader:
        model(xb.to("cuda"))


if __name__ == "__main__":
    main([])
