from setuptools import find_packages, setup


def parse_requirements(fname):
    with open(fname) as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


setup(
    name="mmrotate_lab",
    version="1.0.0rc1",
    description="Rotated object detection toolbox (lab fork)",
    packages=find_packages(exclude=("configs", "tools")),
    install_requires=parse_requirements("requirements/runtime.txt"),
    extras_require={"tests": parse_requirements("requirements/tests.txt")},
    zip_safe=False,
)
