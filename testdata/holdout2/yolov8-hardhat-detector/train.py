import shutil

from ultralytics import YOLO


def main():
    model = YOLO("yolov8n.pt")
    results = model.train(
        data="data/hardhat.yaml",
        epochs=100,
        imgsz=640,
        batch=32,
        seed=0,
        deterministic=True,
        workers=8,
        project="runs/hardhat",
        name="yolov8n",
        exist_ok=True,
    )
    shutil.copy(f"{results.save_dir}/weights/best.pt", "weights/best.pt")


if __name__ == "__main__":
    main()
