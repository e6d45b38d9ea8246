#!/usr/bin/env python
# A detection library's setup.py: extensions from a function, a version
# check, a literal install_requires with markers, extras built from lists.
import glob
import os
import shutil
from os import path
from typing import List

import torch
from setuptools import find_packages, setup
from torch.utils.cpp_extension import CUDA_HOME, CppExtension, CUDAExtension

torch_ver = [int(x) for x in torch.__version__.split(".")[:2]]
assert torch_ver >= [1, 8], "Requires PyTorch >= 1.8"


def get_version():
    init_py_path = path.join(path.abspath(path.dirname(__file__)), "detlib", "__init__.py")
    init_py = open(init_py_path, "r").readlines()
    version_line = [l.strip() for l in init_py if l.startswith("__version__")][0]
    return version_line.split("=")[-1].strip().strip("'\"")


def get_extensions():
    this_dir = path.dirname(path.abspath(__file__))
    extensions_dir = path.join(this_dir, "detlib", "layers", "csrc")
    sources = glob.glob(path.join(extensions_dir, "**", "*.cpp"), recursive=True)
    extension = CppExtension
    define_macros = []
    if torch.cuda.is_available() and CUDA_HOME is not None:
        extension = CUDAExtension
        sources += glob.glob(path.join(extensions_dir, "**", "*.cu"), recursive=True)
        define_macros += [("WITH_CUDA", None)]
    return [
        extension(
            "detlib._C",
            sources,
            include_dirs=[extensions_dir],
            define_macros=define_macros,
        )
    ]


EXTRAS_ALL = [
    "fairscale",
    "timm",
    "scipy>1.5.1",
    "shapely",
    "pygments>=2.2",
    "psutil",
    "panopticapi @ https://github.com/cocodataset/panopticapi/archive/master.zip",
]

setup(
    name="detlib",
    version=get_version(),
    author="Example Research",
    url="https://github.com/example/detlib",
    packages=find_packages(exclude=("configs", "tests*")),
    python_requires=">=3.7",
    install_requires=[
        # These dependencies are not pure-python.
        "Pillow>=7.1",
        "matplotlib",
        "pycocotools>=2.0.2",
        # Do not add opencv here. Just like pytorch, user should install
        # opencv themselves, preferrably by OS's package manager, or by
        # choosing the proper pypi package name at https://github.com/opencv/opencv-python
        "termcolor>=1.1",
        "yacs>=0.1.8",
        "tabulate",
        "cloudpickle",
        "tqdm>4.29.0",
        "tensorboard",
        "fvcore>=0.1.5,<0.1.6",
        "iopath>=0.1.7,<0.1.10",
        "dataclasses; python_version<'3.7'",
        "omegaconf>=2.1,<2.4",
        "hydra-core>=1.1",
        "black",
        "packaging",
    ],
    extras_require={
        "all": EXTRAS_ALL,
        "dev": [
            "flake8==3.8.1",
            "isort==4.3.21",
            "flake8-bugbear",
            "flake8-comprehensions",
            "black==22.3.0",
        ],
    },
    ext_modules=get_extensions(),
    cmdclass={"build_ext": torch.utils.cpp_extension.BuildExtension},
)
