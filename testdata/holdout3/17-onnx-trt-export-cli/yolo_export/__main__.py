from yolo_export.cli import app

if __name__ == "__main__":
    app()
