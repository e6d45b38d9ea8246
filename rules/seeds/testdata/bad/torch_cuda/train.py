import torch
from torch.utils.data import DataLoader


def main(dataset):
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 2).cuda()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    loader = DataLoader(dataset, batch_size=32, shuffle=True, num_workers=4)
    for xb in loader:
        loss = model(xb.to("cuda")).pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()


if __name__ == "__main__":
    main([])
