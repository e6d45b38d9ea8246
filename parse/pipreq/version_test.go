package pipreq

import (
	"strings"
	"testing"
)

func TestCompareVersions(t *testing.T) {
	// Ascending order, from PEP 440's examples and packaging's tests.
	order := []string{
		"1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
		"1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7",
		"1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1", "1!0.1",
	}
	var vs []Version
	for _, s := range order {
		v, err := ParseVersion(s)
		if err != nil {
			t.Fatal(err)
		}
		vs = append(vs, v)
	}
	for i := range vs {
		for j := range vs {
			want := cmpInt(i, j)
			if got := Compare(vs[i], vs[j]); got != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", order[i], order[j], got, want)
			}
		}
	}
	for _, eq := range [][2]string{{"1.0", "1.0.0"}, {"1.0", "v1.0"}, {"1.0alpha1", "1.0a1"}, {"1.0-1", "1.0.post1"}, {"1.0c1", "1.0rc1"}, {"1.0.DEV", "1.0.dev0"}} {
		a, _ := ParseVersion(eq[0])
		b, _ := ParseVersion(eq[1])
		if Compare(a, b) != 0 {
			t.Errorf("%s != %s", eq[0], eq[1])
		}
	}
	for _, bad := range []string{"", "abc", "1.0-", "1..0", "1.0+", "99999999999999999999999"} {
		if _, err := ParseVersion(bad); err == nil {
			t.Errorf("ParseVersion(%q): want an error", bad)
		}
	}
}

func TestSpecifierContains(t *testing.T) {
	tests := []struct {
		spec, version string
		want          bool
	}{
		{"==2.0", "2.0", true}, {"==2.0", "2.0.0", true}, {"==2.0", "2.0+local", true}, {"==2.0+local", "2.0", false},
		{"==2.0", "2.0.1", false}, {"==2.*", "2.5.1", true}, {"==2.*", "3.0", false}, {"==2.0.*", "2.0rc1", true},
		{"==2.0.*", "2.0", true}, {"!=2.0.*", "2.0.5", false}, {"!=2.0.*", "2.1", true}, {"!=2.0", "2.0.1", true},
		{">=2.0", "2.0", true}, {">=2.0", "1.9", false}, {"<=2.0", "2.0+local", true},
		{"<2.0", "2.0rc1", false}, {"<2.0", "1.9", true}, {"<2.0rc2", "2.0rc1", true},
		{">2.0", "2.0.post1", false}, {">2.0", "2.0.1", true}, {">2.0.post1", "2.0.post2", true}, {">2.0", "2.0+local", false},
		{"~=2.2", "2.3", true}, {"~=2.2", "3.0", false}, {"~=2.2.0", "2.2.5", true}, {"~=2.2.0", "2.3", false},
		{"~=1.4.5a4", "1.4.5", true}, {"~=1!2.2", "1!2.9", true}, {"~=1!2.2", "2.9", false},
		{"===1.0-weird", "1.0-WEIRD", true}, {"===1.0", "1.0.0", false},
	}
	for _, tt := range tests {
		r, err := ParseRequirement("x" + tt.spec)
		if err != nil {
			t.Fatal(err)
		}
		v, err := ParseVersion(tt.version)
		if err != nil && !strings.Contains(tt.spec, "===") {
			t.Fatal(err)
		}
		if tt.spec == "===1.0-weird" {
			v = Version{raw: tt.version}
		}
		if got := r.Specifiers[0].Contains(v); got != tt.want {
			t.Errorf("%s contains %s = %v, want %v", tt.spec, tt.version, got, tt.want)
		}
	}
	r, _ := ParseRequirement("pandas>=2,<3,!=2.1.0")
	for v, want := range map[string]bool{"2.0.3": true, "2.1.0": false, "2.2.1": true, "3.0": false, "1.5.3": false} {
		pv, _ := ParseVersion(v)
		if r.Satisfies(pv) != want {
			t.Errorf("pandas>=2,<3,!=2.1.0 satisfied by %s: want %v", v, want)
		}
	}
	if v, ok := mustReq(t, "numpy==1.26.4").PinnedVersion(); !ok || v.String() != "1.26.4" {
		t.Errorf("PinnedVersion = %v %v", v, ok)
	}
	if _, ok := mustReq(t, "numpy==1.*").PinnedVersion(); ok {
		t.Error("wildcard has a pinned version")
	}
}

func mustReq(t *testing.T, s string) Requirement {
	t.Helper()
	r, err := ParseRequirement(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
