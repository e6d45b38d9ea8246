from setuptools import find_packages, setup

setup(
    name="detlab",
    version="0.1.0",
    packages=find_packages(),
    python_requires=">=3.10",
    install_requires=["torch>=2.0", "opencv-python", "pycocotools>=2.0"],
    extras_require={"dev": ["pytest"]},
)
