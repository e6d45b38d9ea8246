from click.testing import CliRunner

from ggq.cli import main


def test_info_reads_fixture():
    res = CliRunner().invoke(main, ["info", "tests/fixtures/tiny-random.gguf"])
    assert res.exit_code == 0
    assert "tensors" in res.output
