// Package yamlerr reads the errors of gopkg.in/yaml.v3 for every reader
// of YAML (the parsers of conda environments, workflows, DVC files and
// model-card front matter, and the engine's .repro.yaml): the 1-based
// line an error is about and its message without yaml's prefixes, so that
// a YAML mistake is reported on the same line with the same words
// wherever it is.
//
// It imports the standard library, yaml.v3 and internal/lazyre only, so
// that the engine and the parsers may both use it.
package yamlerr

import (
	"errors"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/git-repro/git-repro/internal/lazyre"
)

var lineRe = lazyre.New(`line (\d+)`)

// Of returns the line an error of yaml.Unmarshal (or a Decoder) is about,
// 1 when it names none, and its message without the "yaml: " and "line N:
// " prefixes (for a type error, its first problem). yaml.v3 counts the
// lines of its parser's errors ("did not find expected ...") from 0 and
// those of its scanner from 1; Of counts both from 1.
func Of(err error) (line int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	line = 1
	if m := lineRe().FindStringSubmatchIndex(msg); m != nil {
		if n, e := strconv.Atoi(msg[m[2]:m[3]]); e == nil {
			line = n
			if strings.Contains(msg, "did not find expected") {
				line++
			}
		}
		if m[0] == 0 {
			msg = strings.TrimLeft(msg[m[1]:], ": ")
		}
	}
	return line, msg
}
