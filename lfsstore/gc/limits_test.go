package gc

import "testing"

func TestParseLimits(t *testing.T) {
	limit, err := ParseLimits("ml/*=50GiB, ml/big=1TiB ,*/*=5GB")
	if err != nil {
		t.Fatal(err)
	}
	for repo, want := range map[string]int64{
		"ml/models": 50 << 30,
		"ml/big":    1 << 40,
		"cv/detect": 5e9,
	} {
		if got, ok := limit(repo); !ok || got != want {
			t.Errorf("limit(%q) = %d, %v; want %d", repo, got, ok, want)
		}
	}
	if _, ok := limit("toplevel"); ok {
		t.Error("a repository no pattern matches got a quota")
	}
	for _, bad := range []string{"ml/*", "=5GB", "ml/*=", "ml/*=-1", "ml/*=5XB", "[=1", "a=1e3", "a=NaN", "a=Inf"} {
		if _, err := ParseLimits(bad); err == nil {
			t.Errorf("ParseLimits(%q) accepted it", bad)
		}
	}
	// Both spellings of units: SI (GB) and IEC (GiB, or a bare G).
	limit, err = ParseLimits("a=1.5GB,b=2GiB,c=2G")
	if err != nil {
		t.Fatal(err)
	}
	for repo, want := range map[string]int64{"a": 1.5e9, "b": 2 << 30, "c": 2 << 30} {
		if got, _ := limit(repo); got != want {
			t.Errorf("limit(%q) = %d, want %d", repo, got, want)
		}
	}
}

func FuzzParseLimits(f *testing.F) {
	f.Add("ml/*=50GiB,*/*=5GB", "ml/x")
	f.Fuzz(func(t *testing.T, spec, repo string) {
		limit, err := ParseLimits(spec)
		if err != nil {
			return
		}
		if n, ok := limit(repo); ok && n < 0 {
			t.Fatalf("negative limit %d", n)
		}
	})
}
