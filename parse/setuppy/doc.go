// Package setuppy reads the dependency declarations of setuptools projects
// without running anything: setup.py is read with git-repro's Python
// tokenizer (checks/python), setup.cfg with parse/ini's configparser
// dialect, as setuptools reads it.
//
// From setup.py it takes the setup() call's install_requires,
// extras_require and python_requires when they are literals (strings,
// lists, tuples, dicts), a module-level variable assigned once and passed
// by name, lists joined with +, or a requirements file read by name
// (open("requirements.txt").read().splitlines() is reported as reading
// requirements.txt). Anything else is reported as dynamic, with the reason,
// and never guessed. It also says whether the file builds C/C++/CUDA
// extensions (Extension, CppExtension, CUDAExtension, ... or a non-empty
// ext_modules), so a rule can tell a nested extension build from a
// project. It also records the distribution name, which keywords the call
// passes (classifiers, entry_points, ...) and the package data the
// distribution ships (package_data, include_package_data). From setup.cfg
// it takes the same: [metadata] name, [options] install_requires,
// python_requires and include_package_data, [options.extras_require] and
// [options.package_data].
//
// Every requirement carries its 1-based line, its exact text, the parsed
// requirement (checks/pipreq) and, through Unpinned, what is unpinned.
//
// setuppy is a leaf: it imports only the Python tokenizer, the pip
// requirement parser and the INI reader (parse/ini). It must not import
// the checks engine, gitx, action or lfsstore, and never panics on any
// input.
package setuppy
