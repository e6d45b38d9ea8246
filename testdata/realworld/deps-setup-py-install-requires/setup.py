from setuptools import find_packages, setup

with open("README.md", encoding="utf-8") as f:
    long_description = f.read()

setup(
    name="lightseg",
    version="0.3.1",
    description="Lightweight semantic segmentation",
    long_description=long_description,
    packages=find_packages(exclude=("tests",)),
    python_requires=">=3.8",
    install_requires=[
        "torch>=1.13",
        "torchvision",
        "opencv-python",
        "numpy<2",
    ],
    extras_require={"dev": ["pytest", "black==24.2.0"]},
)
