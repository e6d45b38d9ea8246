import setuptools

with open("requirements.txt") as f:
    requirements = f.read().splitlines()

setuptools.setup(
    name="mylib",
    version="0.1.0",
    packages=setuptools.find_packages(),
    python_requires=">=3.10",
    install_requires=requirements,
)
