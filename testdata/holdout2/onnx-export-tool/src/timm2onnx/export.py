import onnx
import timm
import torch


def export_model(name, out, pretrained=True, opset=17, image_size=None, simplify=False):
    model = timm.create_model(name, pretrained=pretrained, exportable=True).eval()
    cfg = model.pretrained_cfg
    size = image_size or cfg.get("input_size", (3, 224, 224))[1:]
    dummy = torch.zeros(1, 3, *size)
    torch.onnx.export(
        model, dummy, out, opset_version=opset,
        input_names=["pixel_values"], output_names=["logits"],
        dynamic_axes={"pixel_values": {0: "batch"}, "logits": {0: "batch"}},
        do_constant_folding=True,
    )
    if simplify:
        from onnxsim import simplify as onnx_simplify
        simplified, ok = onnx_simplify(onnx.load(out))
        if not ok:
            raise RuntimeError("onnxsim could not validate the simplified model")
        onnx.save(simplified, out)
    onnx.checker.check_model(out)
    return model, tuple(size)
