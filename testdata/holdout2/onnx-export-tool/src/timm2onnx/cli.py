import argparse
import sys

from timm2onnx.export import export_model
from timm2onnx.verify import verify


def main(argv=None):
    p = argparse.ArgumentParser(prog="timm2onnx")
    p.add_argument("model", help="timm model name, e.g. resnet50.a1_in1k")
    p.add_argument("--out", required=True)
    p.add_argument("--opset", type=int, default=17)
    p.add_argument("--image-size", type=int, nargs=2)
    p.add_argument("--no-pretrained", action="store_true")
    p.add_argument("--simplify", action="store_true")
    p.add_argument("--verify", action="store_true")
    p.add_argument("--atol", type=float, default=1e-4)
    args = p.parse_args(argv)
    model, size = export_model(args.model, args.out, pretrained=not args.no_pretrained, opset=args.opset,
                               image_size=args.image_size, simplify=args.simplify)
    print(f"wrote {args.out}")
    if args.verify:
        ok, diff = verify(model, args.out, size, atol=args.atol)
        print(f"max |torch - onnxruntime| = {diff:.2e}")
        if not ok:
            sys.exit(1)


if __name__ == "__main__":
    main()
