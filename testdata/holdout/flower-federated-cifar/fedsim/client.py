import flwr as fl
import torch
import torchvision


class CifarClient(fl.client.NumPyClient):
    def __init__(self, data, mu=0.0):
        self.model = torchvision.models.resnet18(num_classes=10)
        self.loader = torch.utils.data.DataLoader(data, batch_size=32, shuffle=True)
        self.mu = mu

    def get_parameters(self, config):
        return [p.detach().numpy() for p in self.model.state_dict().values()]

    def fit(self, parameters, config):
        self.model.load_state_dict(dict(zip(self.model.state_dict().keys(), map(torch.tensor, parameters))))
        opt = torch.optim.SGD(self.model.parameters(), lr=0.01)
        for x, y in self.loader:
            loss = torch.nn.functional.cross_entropy(self.model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        return self.get_parameters(config), len(self.loader.dataset), {}
