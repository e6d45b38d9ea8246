package inflight

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestHeldFilesSurviveAbandonedGo(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no flock: files count as in progress for a day")
	}
	dir := t.TempDir()
	// A writer in progress: created through Mark, its own descriptor
	// closed and the file renamed, as atomicfile does, hold still on.
	var live string
	release, err := Mark(dir, func() (string, error) {
		f, err := os.CreateTemp(dir, "put-*")
		if err != nil {
			return "", err
		}
		live = f.Name()
		f.Write([]byte("half an upload"))
		return live, f.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
	// What a killed writer leaves: a file nobody holds.
	dead := filepath.Join(dir, "put-dead")
	if err := os.WriteFile(dead, []byte("abandoned"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "unrelated")
	os.WriteFile(other, nil, 0o600)

	fs, err := List(dir, "put-")
	if err != nil || len(fs) != 2 {
		t.Fatalf("List = %+v, %v", fs, err)
	}
	for _, f := range fs {
		if f.InProgress != (f.Path == live) {
			t.Errorf("%s in progress: %v", f.Path, f.InProgress)
		}
	}
	removed, err := RemoveAbandoned(dir, "put-")
	if err != nil || len(removed) != 1 || removed[0].Path != dead || removed[0].Size != 9 {
		t.Fatalf("RemoveAbandoned = %+v, %v; want only %s", removed, err, dead)
	}
	for _, p := range []string{live, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s removed: %v", p, err)
		}
	}
	release()
	if removed, err := RemoveAbandoned(dir, "put-"); err != nil || len(removed) != 1 || removed[0].Path != live {
		t.Fatalf("after release: %+v, %v", removed, err)
	}
}
