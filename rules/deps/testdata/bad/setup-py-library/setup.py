import setuptools

setuptools.setup(
    name="segkit",
    version="1.2.0",
    python_requires=">=3.9",
    classifiers=[
        "Programming Language :: Python :: 3",
        "License :: OSI Approved :: MIT License",
    ],
    packages=setuptools.find_packages(),
    install_requires=[
        "torch>=1.13",
        "numpy<2",
    ],
    extras_require={"dev": ["pytest==8.1.1"]},
)
