import torch
from torchvision.models import ResNet50_Weights, resnet50


def main():
    model = resnet50(weights=ResNet50_Weights.IMAGENET1K_V2).eval()
    dummy = torch.zeros(1, 3, 224, 224)
    torch.onnx.export(
        model, dummy, "model_repository/resnet50_onnx/1/model.onnx",
        input_names=["input"], output_names=["logits"], opset_version=17,
        dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
    )


if __name__ == "__main__":
    main()
