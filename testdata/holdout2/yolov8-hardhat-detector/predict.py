import argparse

from ultralytics import YOLO


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--source", required=True)
    p.add_argument("--conf", type=float, default=0.35)
    args = p.parse_args()
    model = YOLO("weights/best.pt")
    for r in model.predict(source=args.source, conf=args.conf, stream=True, save=True):
        heads = int((r.boxes.cls == 0).sum())
        if heads:
            print(f"{r.path}: {heads} head(s) without a helmet")


if __name__ == "__main__":
    main()
