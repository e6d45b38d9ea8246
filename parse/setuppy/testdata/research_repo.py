from pathlib import Path

import setuptools

HERE = Path(__file__).parent

with open(HERE / "requirements.txt") as f:
    required = [line.strip() for line in f if line.strip() and not line.startswith("#")]

setuptools.setup(
    name="paper-code",
    version="0.1",
    packages=setuptools.find_packages(),
    install_requires=required,
    extras_require={"notebooks": ["jupyterlab==4.1.5", "ipywidgets"]},
)
