import torch


def load_backbone():
    model = torch.hub.load("facebookresearch/dinov2", "dinov2_vits14")
    return model.eval()


if __name__ == "__main__":
    torch.manual_seed(0)
    backbone = load_backbone()
    print(sum(p.numel() for p in backbone.parameters()))
