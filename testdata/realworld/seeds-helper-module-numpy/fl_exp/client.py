import flwr as fl
import torch


class MLPClient(fl.client.NumPyClient):
    def __init__(self, data):
        self.model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 10))
        self.loader = torch.utils.data.DataLoader(data, batch_size=50, shuffle=True)

    def get_parameters(self, config):
        return [p.detach().numpy() for p in self.model.state_dict().values()]

    def fit(self, parameters, config):
        self.model.load_state_dict(dict(zip(self.model.state_dict(), map(torch.tensor, parameters))))
        opt = torch.optim.SGD(self.model.parameters(), lr=0.05)
        for x, y in self.loader:
            opt.zero_grad()
            torch.nn.functional.cross_entropy(self.model(x), y).backward()
            opt.step()
        return self.get_parameters(config), len(self.loader.dataset), {}
