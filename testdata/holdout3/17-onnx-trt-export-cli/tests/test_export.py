from pathlib import Path

import onnx
from typer.testing import CliRunner

from yolo_export.cli import app

FIXTURE = Path(__file__).parent / "fixtures" / "tiny_detector.pt"


def test_onnx_export(tmp_path):
    out = tmp_path / "tiny.onnx"
    result = CliRunner().invoke(app, ["onnx-export", str(FIXTURE), str(out), "--imgsz", "64"])
    assert result.exit_code == 0, result.output
    onnx.checker.check_model(onnx.load(out))
