package deps

import (
	"fmt"
	"path"
	"strings"

	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/dockerfile"
	"github.com/git-repro/git-repro/rules/docker"
)

// Where the Python version is fixed when no file declares it in a form
// tools read (REPRO-DEP-130 / REPRO-DEP-132):
//
//   - a Dockerfile of the project whose final image names the Python
//     (python:3.11-slim, uv:python3.12-bookworm): what runs in the image is
//     that Python, and REPRO-DEP-131 holds other declarations to it. That
//     is a declaration: nothing is reported.
//   - the README says it ("Python 3.10", "conda create -n x python=3.10",
//     "python3.10 -m venv"): a human learns it, no tool does (pyenv, uv,
//     setup-python's python-version-file, pip's requires-python check):
//     REPRO-DEP-132, info.
//   - a Dockerfile whose base image fixes the Python without naming it
//     (nvcr.io/nvidia/pytorch:23.10-py3, pytorch/pytorch:2.1.2-cuda12.1-...):
//     the same, REPRO-DEP-132.
//
// Otherwise REPRO-DEP-130 (warning) stands.

// projectDockerfiles returns the Dockerfiles that build a project directory:
// those in it and in its docker/ and .devcontainer/ subdirectories. A full
// run sees every name (train.Dockerfile); a hook run looks up the usual
// ones.
func (a *analysis) projectDockerfiles(dir string) []string {
	return a.p.Memo("deps:project-dockerfiles:"+dir, func() any {
		dirs := []string{dir, joinDir(dir, "docker"), joinDir(dir, ".devcontainer")}
		var out []string
		if a.p.Full {
			for _, f := range a.allFiles() {
				if !docker.IsDockerfile(f) {
					continue
				}
				for _, d := range dirs {
					if path.Dir(f) == d {
						out = append(out, f)
					}
				}
			}
			return out
		}
		for _, d := range dirs {
			for _, n := range []string{"Dockerfile", "Containerfile"} {
				if f := joinDir(d, n); a.exists(f) {
					out = append(out, f)
				}
			}
		}
		return out
	}).([]string)
}

// finalImage returns the external image the last stage of a Dockerfile
// builds on (through FROM <earlier stage>), and false when it is not known
// before the build (an ARG without a default).
func finalImage(df *dockerfile.File) (dockerfile.Image, bool) {
	if len(df.Stages) == 0 {
		return dockerfile.Image{}, false
	}
	st := df.Stages[len(df.Stages)-1]
	for st.Parent != nil {
		st = st.Parent
	}
	if len(st.Unresolved) > 0 || st.Image.Name == "" {
		return dockerfile.Image{}, false
	}
	return st.Image, true
}

// frameworkImageRe matches images that ship one Python the tag implies
// without naming it (NVIDIA's NGC containers, the PyTorch, TensorFlow,
// Hugging Face and Jupyter images); conda images are not among them (the
// environment they create chooses its own Python).
var frameworkImageRe = lazyre.New(`(?i)(^|/)(pytorch|tensorflow|tensorflow-gpu|transformers-[a-z-]+|[a-z]+-notebook)$|^nvcr\.io/nvidia/`)

// imageFixesPython returns, for the Dockerfiles of a project directory,
// the first final image whose tag names the Python (named), or else the
// first that fixes it without naming it (implied).
func (a *analysis) imageFixesPython(dir string) (named, implied string) {
	for _, f := range a.projectDockerfiles(dir) {
		data, err := a.read(f)
		if err != nil {
			continue
		}
		im, ok := finalImage(dockerfile.Parse(data))
		if !ok {
			continue
		}
		ref := im.Name
		if im.Tag != "" {
			ref += ":" + im.Tag
		}
		switch v := imagePython(im); {
		case len(v) >= 2:
			if named == "" {
				named = fmt.Sprintf("%q (%s)", ref, f)
			}
		case implied == "" && im.Tag != "" && im.Tag != "latest" && frameworkImageRe().MatchString(im.Name):
			implied = fmt.Sprintf("%q (%s)", ref, f)
		}
	}
	return named, implied
}

// readmePythonRe finds a Python release in a README: "Python 3.10",
// "Python>=3.8", "python=3.10" (conda create), "Python version: 3.11",
// "python-3.10" (a badge), "python3.10 -m venv".
var readmePythonRe = lazyre.New(`(?i)\bpython(?:\s*version)?(?:\s*(?:[:=<>~!]=?|-|\s)\s*v?|)([23]\.[0-9]{1,2})\b`)

// readmeNames are the README files read for a Python statement.
var readmeNames = []string{"README.md", "README.rst", "README.txt", "README", "readme.md", "Readme.md"}

// readmePython returns where a README of dir or of a parent (the nearest
// first) states a Python release, and what it says; "" when none does.
func (a *analysis) readmePython(dir string) (where, text string) {
	for d := dir; ; d = path.Dir(d) {
		for _, n := range readmeNames {
			f := joinDir(d, n)
			if !a.exists(f) {
				continue
			}
			data, err := a.read(f)
			if err != nil {
				continue
			}
			for i, line := range strings.Split(string(data), "\n") {
				if m := readmePythonRe().FindStringSubmatchIndex(line); m != nil {
					return fmt.Sprintf("%s:%d", f, i+1), strings.TrimSpace(line[m[0]:m[1]])
				}
			}
			break // this directory's README says nothing: try the parent's
		}
		if d == "." || d == "/" || d == "" {
			return "", ""
		}
	}
}
