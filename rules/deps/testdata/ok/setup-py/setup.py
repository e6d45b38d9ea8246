from setuptools import setup

# python_requires=">=2.7" was dropped in 2023: only the call below counts.
setup(
    name="x",
    python_requires=">=3.9",
    install_requires=["numpy>=1"],
)
