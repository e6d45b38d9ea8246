package pipreq

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseInstallArgs(t *testing.T) {
	args := strings.Fields("install --no-cache-dir -U numpy==1.26.4 pandas>=2 -r requirements.txt " +
		"-crequirements/constraints.txt -e . --index-url https://example.invalid/simple " +
		"--some-future-flag torch --target=/opt/lib -qq --require-hashes -t /x scipy " +
		"--editable=git+https://example.invalid/o/r.git@main#egg=r -- -weird")
	a := ParseInstallArgs(args)
	var got []string
	for _, it := range a.Items {
		s := it.Arg
		if it.Err != nil {
			s += "!"
		} else if it.Req.Pinned() {
			s += "=pinned"
		}
		got = append(got, s)
	}
	want := []string{"numpy==1.26.4=pinned", "pandas>=2", ".=pinned", "torch", "scipy",
		"git+https://example.invalid/o/r.git@main#egg=r", "-weird!"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("items = %q\nwant    %q", got, want)
	}
	if !reflect.DeepEqual(a.Requirements, []string{"requirements.txt"}) || !reflect.DeepEqual(a.Constraints, []string{"requirements/constraints.txt"}) {
		t.Errorf("files = %q %q", a.Requirements, a.Constraints)
	}
	if !a.RequireHashes || !a.Has("--upgrade") || !a.Has("--quiet") || !a.Has("--some-future-flag") {
		t.Errorf("options = %+v", a.Options)
	}
	if !a.Items[5].Req.Editable {
		t.Error("--editable item not editable")
	}
}

func TestParseInstallArgsShortClusters(t *testing.T) {
	a := ParseInstallArgs([]string{"-qUr", "req.txt", "-qrother.txt", "foo"})
	if !reflect.DeepEqual(a.Requirements, []string{"req.txt", "other.txt"}) {
		t.Errorf("requirements = %q", a.Requirements)
	}
	if len(a.Items) != 1 || a.Items[0].Req.Name != "foo" {
		t.Errorf("items = %+v", a.Items)
	}
	// A value-taking option at the very end has no value: kept as a flag.
	a = ParseInstallArgs([]string{"foo", "-r"})
	if len(a.Items) != 1 || len(a.Requirements) != 0 {
		t.Errorf("trailing -r: %+v", a)
	}
}
