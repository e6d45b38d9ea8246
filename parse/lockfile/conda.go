package lockfile

import (
	"bufio"
	"bytes"
	"strings"

	"gopkg.in/yaml.v3"
)

// IsExplicitSpec reports whether data is a conda explicit specification
// ("conda list --explicit" output): a line "@EXPLICIT" before the URLs.
func IsExplicitSpec(data []byte) bool {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "@EXPLICIT" {
			return true
		}
	}
	return false
}

// CondaLock is the summary of a conda-lock.yml (unified format).
type CondaLock struct {
	Version   int
	Sources   []string // metadata.sources: the environment files it was made from
	Platforms []string
	Packages  int
}

// ParseCondaLock reads a conda-lock.yml. Errors carry the YAML line.
func ParseCondaLock(data []byte) (*CondaLock, error) {
	var doc struct {
		Version  int `yaml:"version"`
		Metadata struct {
			Sources   []string `yaml:"sources"`
			Platforms []string `yaml:"platforms"`
		} `yaml:"metadata"`
		Package []yaml.Node `yaml:"package"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	return &CondaLock{Version: doc.Version, Sources: doc.Metadata.Sources, Platforms: doc.Metadata.Platforms, Packages: len(doc.Package)}, nil
}
