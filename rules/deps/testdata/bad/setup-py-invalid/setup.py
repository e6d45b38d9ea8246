from setuptools import setup

setup(
    name="broken",
    python_requires=">=3.10",
    install_requires=["numpy >= ", "scipy==1.12.0"],
)
