import torch
import torchvision

torch.manual_seed(0)
model = torchvision.models.detection.fasterrcnn_resnet50_fpn(weights="DEFAULT")
opt = torch.optim.SGD(model.parameters(), lr=0.01)
