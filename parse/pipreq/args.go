package pipreq

import (
	"slices"
	"strings"
)

// installOptions are the options of "pip install" (and the general options
// pip accepts before or after it): those a requirements file accepts too
// (fileOptions, as pip's own option definitions are shared), but --hash,
// which only a requirements file line takes, and the install command's
// own. Unknown long options are treated as flags without a value, so a
// newer pip option does not derail parsing.
var installOptions = append(slices.DeleteFunc(slices.Clone(fileOptions), func(o optSpec) bool { return o.long == "--hash" }), []optSpec{
	{"--use-deprecated", "", true},
	{"--install-option", "", true},
	{"--target", "-t", true},
	{"--platform", "", true},
	{"--python-version", "", true},
	{"--implementation", "", true},
	{"--abi", "", true},
	{"--root", "", true},
	{"--prefix", "", true},
	{"--src", "", true},
	{"--upgrade-strategy", "", true},
	{"--progress-bar", "", true},
	{"--root-user-action", "", true},
	{"--report", "", true},
	{"--group", "", true},
	{"--log", "", true},
	{"--log-file", "", true},
	{"--proxy", "", true},
	{"--retries", "", true},
	{"--timeout", "", true},
	{"--exists-action", "", true},
	{"--cert", "", true},
	{"--client-cert", "", true},
	{"--cache-dir", "", true},
	{"--python", "", true},
	{"--keyring-provider", "", true},
	{"--build", "-b", true},
	{"--upgrade", "-U", false},
	{"--force-reinstall", "", false},
	{"--ignore-installed", "-I", false},
	{"--ignore-requires-python", "", false},
	{"--no-deps", "", false},
	{"--user", "", false},
	{"--dry-run", "", false},
	{"--quiet", "-q", false},
	{"--verbose", "-v", false},
	{"--no-cache-dir", "", false},
	{"--no-build-isolation", "", false},
	{"--use-pep517", "", false},
	{"--no-use-pep517", "", false},
	{"--check-build-dependencies", "", false},
	{"--break-system-packages", "", false},
	{"--compile", "", false},
	{"--no-compile", "", false},
	{"--no-warn-script-location", "", false},
	{"--no-warn-conflicts", "", false},
	{"--no-clean", "", false},
	{"--isolated", "", false},
	{"--require-virtualenv", "", false},
	{"--disable-pip-version-check", "", false},
	{"--no-color", "", false},
	{"--no-input", "", false},
	{"--no-python-version-warning", "", false},
	{"--debug", "", false},
	{"--help", "-h", false},
	{"--version", "-V", false},
}...)

// InstallItem is one requirement given on a "pip install" command line.
type InstallItem struct {
	Arg string // the argument as given
	Req Requirement
	Err error // a requirement that does not parse
}

// InstallArgs is a parsed "pip install" argument list.
type InstallArgs struct {
	// Items are the requirements given as arguments or with -e, in order.
	Items []InstallItem
	// Requirements and Constraints are the -r and -c files.
	Requirements []string
	Constraints  []string
	// RequireHashes is set by --require-hashes.
	RequireHashes bool
	// Options are all options in order (canonical long names).
	Options []Option
}

// Has reports whether the option (canonical long name) was given.
func (a *InstallArgs) Has(name string) bool {
	for _, o := range a.Options {
		if o.Name == name {
			return true
		}
	}
	return false
}

// ParseInstallArgs reads the arguments that follow "pip install" (already
// split into words, quotes removed, e.g. by a shell parser). It accepts
// requirements, -r/-c files, -e and the other options of "pip install",
// wherever they appear; a leading "install" word is skipped. Unknown
// options are kept as flags. It never fails: a requirement that does not
// parse is returned with its error.
func ParseInstallArgs(args []string) *InstallArgs {
	out := &InstallArgs{}
	if len(args) > 0 && args[0] == "install" {
		args = args[1:]
	}
	table := installOptions
	addReq := func(arg string, editable bool) {
		var it InstallItem
		it.Arg = arg
		if editable {
			it.Req, it.Err = ParseEditable(arg)
		} else {
			it.Req, it.Err = ParseRequirement(arg)
		}
		out.Items = append(out.Items, it)
	}
	for i := 0; i < len(args); i++ {
		t := args[i]
		if t == "--" {
			for _, a := range args[i+1:] {
				addReq(a, false)
			}
			break
		}
		if !strings.HasPrefix(t, "-") || t == "-" {
			addReq(t, false)
			continue
		}
		// Parse one option (with its value) at a time so that unknown
		// options can be skipped without losing the rest.
		n := 1
		if spec, ok := optionTaking(t, table); ok && spec.value && !attachedValue(t, spec) && i+1 < len(args) {
			n = 2
		}
		p, err := parseOptions(args[i:i+n], table)
		i += n - 1
		if err != nil {
			// Unknown option: keep it as a flag.
			name, _, _ := strings.Cut(t, "=")
			out.Options = append(out.Options, Option{Name: name})
			continue
		}
		for _, o := range p.opts {
			out.Options = append(out.Options, o)
			switch o.Name {
			case "--requirement":
				out.Requirements = append(out.Requirements, o.Value)
			case "--constraint":
				out.Constraints = append(out.Constraints, o.Value)
			case "--editable":
				addReq(o.Value, true)
			case "--require-hashes":
				out.RequireHashes = true
			}
		}
	}
	return out
}

// optionTaking finds the option a token starts (the last option of a short
// cluster decides whether a value follows).
func optionTaking(t string, table []optSpec) (optSpec, bool) {
	if strings.HasPrefix(t, "--") {
		name, _, _ := strings.Cut(t, "=")
		spec, err := lookupLong(name, table)
		return spec, err == nil
	}
	for j := 1; j < len(t); j++ {
		spec, ok := lookupShort("-"+string(t[j]), table)
		if !ok {
			return optSpec{}, false
		}
		if spec.value {
			return spec, true
		}
	}
	spec, ok := lookupShort("-"+string(t[len(t)-1]), table)
	return spec, ok
}

// attachedValue reports whether the token already carries the option's
// value ("--opt=v", "-rfile", "-qrfile").
func attachedValue(t string, spec optSpec) bool {
	if strings.HasPrefix(t, "--") {
		return strings.Contains(t, "=")
	}
	i := strings.Index(t[1:], strings.TrimPrefix(spec.short, "-"))
	return i >= 0 && 1+i+1 < len(t)
}
