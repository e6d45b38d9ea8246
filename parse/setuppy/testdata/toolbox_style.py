# A vision toolbox's setup.py: requirements read through a helper that
# parses requirements/*.txt files, a version read with exec().
import os
import re
from setuptools import find_packages, setup


def readme():
    with open("README.md", encoding="utf-8") as f:
        content = f.read()
    return content


version_file = "toolbox/version.py"


def get_version():
    with open(version_file) as f:
        exec(compile(f.read(), version_file, "exec"))
    return locals()["__version__"]


def parse_requirements(fname="requirements.txt", with_version=True):
    """Parse the package dependencies listed in a requirements file but strips
    specific versioning information."""
    require_fpath = fname

    def parse_line(line):
        if line.startswith("-r "):
            target = line.split(" ")[1]
            for info in parse_require_file(target):
                yield info
        else:
            info = {"line": line}
            pat = "(" + "|".join([">=", "==", ">"]) + ")"
            parts = re.split(pat, line, maxsplit=1)
            info["package"] = parts[0].strip()
            yield info

    def parse_require_file(fpath):
        with open(fpath) as f:
            for line in f.readlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    yield from parse_line(line)

    packages = list(parse_require_file(require_fpath))
    return [p["package"] for p in packages]


if __name__ == "__main__":
    setup(
        name="toolbox",
        version=get_version(),
        description="An example toolbox",
        long_description=readme(),
        long_description_content_type="text/markdown",
        packages=find_packages(exclude=("configs", "tools", "demo")),
        include_package_data=True,
        python_requires=">=3.7",
        install_requires=parse_requirements("requirements/runtime.txt"),
        extras_require={
            "all": parse_requirements("requirements.txt"),
            "tests": parse_requirements("requirements/tests.txt"),
            "optional": parse_requirements("requirements/optional.txt"),
        },
        zip_safe=False,
    )
