package agent

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

// session runs the agent on the given request lines and returns the
// decoded reply lines.
func session(t *testing.T, store lfsstore.Store, tmp string, lines ...string) []map[string]any {
	t.Helper()
	a := &Agent{
		OpenStore: func(context.Context) (lfsstore.Store, error) { return store, nil },
		TempDir:   tmp,
	}
	var out bytes.Buffer
	if err := a.Serve(context.Background(), strings.NewReader(strings.Join(lines, "\n")+"\n"), &out); err != nil {
		t.Fatal(err)
	}
	var replies []map[string]any
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("reply %q is not JSON: %v", sc.Text(), err)
		}
		replies = append(replies, m)
	}
	return replies
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func newStore(t *testing.T) lfsstore.Store {
	t.Helper()
	s, err := OpenURL(context.Background(), "file://"+t.TempDir()+"?pack_size=1048576", os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestProtocolUploadDownload(t *testing.T) {
	store := newStore(t)
	dir := t.TempDir()
	content := storetest.Content(1, 3<<20+5)
	oid := storetest.Object(content).String()
	src := filepath.Join(dir, "src")
	if err := os.WriteFile(src, content, 0o644); err != nil {
		t.Fatal(err)
	}
	up := session(t, store, dir,
		`{"event":"init","operation":"upload","remote":"origin","concurrent":true,"concurrenttransfers":8}`,
		mustJSON(map[string]any{"event": "upload", "oid": oid, "size": len(content), "path": src, "action": nil}),
		`{"event":"terminate"}`,
	)
	if len(up) < 3 || len(up[0]) != 0 {
		t.Fatalf("upload session replies = %v, want {} then progress and complete", up)
	}
	last := up[len(up)-1]
	if last["event"] != "complete" || last["oid"] != oid || last["error"] != nil {
		t.Fatalf("upload complete = %v", last)
	}
	var soFar float64
	for _, r := range up[1 : len(up)-1] {
		if r["event"] != "progress" || r["oid"] != oid {
			t.Fatalf("unexpected reply %v between init and complete", r)
		}
		if r["bytesSoFar"].(float64) < soFar {
			t.Errorf("progress went backwards: %v", r)
		}
		soFar = r["bytesSoFar"].(float64)
	}
	if soFar != float64(len(content)) {
		t.Errorf("last progress bytesSoFar = %v, want %d", soFar, len(content))
	}

	down := session(t, store, dir,
		`{"event":"init","operation":"download","remote":"origin","concurrent":true,"concurrenttransfers":8}`,
		mustJSON(map[string]any{"event": "download", "oid": oid, "size": len(content), "action": nil}),
		mustJSON(map[string]any{"event": "download", "oid": storetest.Object([]byte("missing")).String(), "size": 7, "action": nil}),
		`{"event":"download","oid":"../../etc/passwd","size":1}`,
		`{"event":"terminate"}`,
	)
	var completes []map[string]any
	for _, r := range down[1:] {
		if r["event"] == "complete" {
			completes = append(completes, r)
		}
	}
	if len(completes) != 3 {
		t.Fatalf("download completes = %v, want 3", completes)
	}
	p, _ := completes[0]["path"].(string)
	got, err := os.ReadFile(p)
	if err != nil || !bytes.Equal(got, content) {
		t.Fatalf("downloaded file %q: err %v, equal %v", p, err, bytes.Equal(got, content))
	}
	if filepath.Dir(p) != dir {
		t.Errorf("download landed in %q, want the configured temp dir %q", filepath.Dir(p), dir)
	}
	for i, want := range []string{"not in the store", "invalid oid"} {
		e, _ := completes[i+1]["error"].(map[string]any)
		if msg, _ := e["message"].(string); !strings.Contains(msg, want) {
			t.Errorf("complete %d error = %v, want a message containing %q", i+1, e, want)
		}
	}
}

func TestProtocolRefusesCorruptUpload(t *testing.T) {
	store := newStore(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	os.WriteFile(src, []byte("actual content"), 0o644)
	claimed := storetest.Object([]byte("other content")).String()
	r := session(t, store, dir,
		`{"event":"init","operation":"upload"}`,
		mustJSON(map[string]any{"event": "upload", "oid": claimed, "size": 14, "path": src}),
		`{"event":"terminate"}`,
	)
	last := r[len(r)-1]
	e, _ := last["error"].(map[string]any)
	if last["event"] != "complete" || e == nil || !strings.Contains(e["message"].(string), "hash") {
		t.Fatalf("corrupt upload reply = %v, want a complete with a hash error", last)
	}
	if _, err := store.Stat(context.Background(), storetest.Object([]byte("other content"))); err == nil {
		t.Error("a corrupt upload was stored")
	}
}

func TestProtocolInitErrors(t *testing.T) {
	a := &Agent{OpenStore: func(context.Context) (lfsstore.Store, error) {
		return OpenURL(context.Background(), "ftp://nowhere", os.Getenv)
	}}
	var out bytes.Buffer
	in := `{"event":"init","operation":"upload"}` + "\n" + `{"event":"terminate"}` + "\n"
	if err := a.Serve(context.Background(), strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `unsupported store URL scheme \"ftp\"`) {
		t.Errorf("init reply = %s, want the store URL error", out.String())
	}
	if err := (&Agent{}).Serve(context.Background(), strings.NewReader("not json\n"), io.Discard); err == nil {
		t.Error("a non-JSON line was accepted")
	}
}

func FuzzServe(f *testing.F) {
	f.Add([]byte(`{"event":"init","operation":"download"}` + "\n" + `{"event":"download","oid":"00","size":-1}`))
	f.Add([]byte(`{"event":"upload","oid":"` + strings.Repeat("a", 64) + `","size":3,"path":"/nonexistent"}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		if bytes.Contains(in, []byte("/dev")) || bytes.Contains(in, []byte("/proc")) {
			t.Skip("device files never end")
		}
		store, _ := lfsstore.NewLocal(t.TempDir())
		a := &Agent{OpenStore: func(context.Context) (lfsstore.Store, error) { return store, nil }, TempDir: t.TempDir()}
		a.Serve(context.Background(), bytes.NewReader(in), io.Discard)
	})
}

func FuzzCheckURL(f *testing.F) {
	f.Add("file:///srv/lfs")
	f.Add("s3://b/p?endpoint=h:1")
	f.Add("file://host/x")
	f.Fuzz(func(t *testing.T, raw string) {
		if CheckURL(raw) == nil {
			if !strings.HasPrefix(raw, "file:") && !strings.HasPrefix(raw, "s3:") {
				t.Fatalf("CheckURL accepted %q", raw)
			}
		}
		// The args line git-lfs runs through a shell keeps the URL one word.
		args := ConfigLines("repro", "/bin/x", raw)[2][1]
		if !strings.HasPrefix(args, "agent --store '") || !strings.HasSuffix(args, "'") {
			t.Fatalf("args %q are not quoted", args)
		}
	})
}

// git-lfs runs "path args" through sh; the quoted URL must come out as one
// argument, byte for byte, whatever it contains.
func TestConfigArgsSurviveTheShell(t *testing.T) {
	for _, u := range []string{
		"file:///srv/lfs",
		"s3://b/p?endpoint=127.0.0.1:7070&insecure=true&region=eu-west-1",
		"file:///tmp/it's here; rm -rf $HOME `x` \"y\"",
	} {
		args := ConfigLines("repro", "/bin/x", u)[2][1]
		out, err := exec.Command("sh", "-c", `printf '%s\n' `+args).Output()
		if err != nil {
			t.Fatal(err)
		}
		want := "agent\n--store\n" + u + "\n"
		if string(out) != want {
			t.Errorf("sh split %q into %q, want %q", args, out, want)
		}
	}
}
