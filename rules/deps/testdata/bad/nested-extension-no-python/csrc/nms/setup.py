from setuptools import setup
from torch.utils import cpp_extension

setup(
    name="nms_ext",
    ext_modules=[cpp_extension.CppExtension("nms_ext", ["nms.cpp"])],
    cmdclass={"build_ext": cpp_extension.BuildExtension},
)
