package agent

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/git-repro/git-repro/internal/testenv"
	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/chunked"
	"github.com/git-repro/git-repro/lfsstore/s3/s3test"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

// The end-to-end tests run the real git-lfs client, which starts this
// test binary as its transfer agent: TestMain turns into the agent when
// agentEnv is set (git-lfs passes the environment through).
const agentEnv = "GIT_REPRO_AGENT_TEST_EXEC"

func TestMain(m *testing.M) {
	if os.Getenv(agentEnv) == "1" {
		os.Exit(agentMain(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// agentMain is what "git-repro-lfs agent --store URL" does.
func agentMain(args []string) int {
	if len(args) != 3 || args[0] != "agent" || args[1] != "--store" {
		fmt.Fprintf(os.Stderr, "test agent: unexpected arguments %q\n", args)
		return 2
	}
	ctx := context.Background()
	a := &Agent{OpenStore: func(ctx context.Context) (lfsstore.Store, error) { return OpenURL(ctx, args[2], os.Getenv) }, Log: os.Stderr}
	if dir, err := LFSTempDir(ctx, "."); err == nil && os.MkdirAll(dir, 0o755) == nil {
		a.TempDir = dir
	}
	// Count agent processes that overlap, to show git-lfs runs several.
	if d := os.Getenv("GIT_REPRO_AGENT_TEST_PIDS"); d != "" {
		p := filepath.Join(d, fmt.Sprint(os.Getpid()))
		os.WriteFile(p, nil, 0o644)
	}
	if err := a.Serve(ctx, os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	return 0
}

// gitEnv is a hermetic environment for git and git-lfs.
func gitEnv(t *testing.T, home string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GIT_") || strings.HasPrefix(kv, "HOME=") || strings.HasPrefix(kv, "XDG_CONFIG_HOME=") {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com",
		"GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z",
		agentEnv+"=1",
	)
}

type gitRunner struct {
	t   *testing.T
	env []string
}

func (g gitRunner) run(dir string, args ...string) string {
	g.t.Helper()
	return g.runEnv(dir, nil, args...)
}

func (g gitRunner) runEnv(dir string, extra []string, args ...string) string {
	g.t.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Env = append(append([]string{}, g.env...), extra...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	defer func() { g.t.Logf("%v: %s", time.Since(start).Round(time.Millisecond), strings.Join(args, " ")) }()
	if err := cmd.Run(); err != nil {
		g.t.Fatalf("%s in %s: %v\n%s", strings.Join(args, " "), dir, err, out.String())
	}
	return out.String()
}

func requireGitLFS(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git-lfs"); err != nil {
		testenv.Missing(t, "git-lfs is not installed (Debian package git-lfs)")
	}
}

// pushCloneRoundtrip pushes LFS files through the agent into storeURL,
// clones, pulls, and checks the contents. It returns the files.
func TestAgentEndToEndFileStore(t *testing.T) {
	requireGitLFS(t)
	storeDir := t.TempDir()
	storeURL := "file://" + storeDir + "?pack_size=4194304"
	runEndToEnd(t, storeURL, func() *chunked.Store {
		b, err := chunked.NewDir(storeDir)
		if err != nil {
			t.Fatal(err)
		}
		s, err := chunked.Open(context.Background(), b, nil)
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestAgentEndToEndS3Store(t *testing.T) {
	requireGitLFS(t)
	srv := s3test.Start(t)
	bucket := srv.Bucket(t)
	t.Setenv("AWS_ACCESS_KEY_ID", s3test.AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", s3test.SecretKey)
	storeURL := "s3://" + bucket + "/lfs?endpoint=" + srv.Endpoint + "&insecure=true&region=us-east-1&pack_size=4194304"
	runEndToEnd(t, storeURL, func() *chunked.Store {
		s, err := OpenURL(context.Background(), storeURL, os.Getenv)
		if err != nil {
			t.Fatal(err)
		}
		return s.(*chunked.Store)
	})
}

// runEndToEnd is the whole flow against one store URL; open opens the
// same store in-process for its statistics.
func runEndToEnd(t *testing.T, storeURL string, open func() *chunked.Store) {
	root := t.TempDir()
	g := gitRunner{t, gitEnv(t, filepath.Join(root, "home"))}
	os.MkdirAll(filepath.Join(root, "home"), 0o755)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	pids := filepath.Join(root, "pids")
	os.MkdirAll(pids, 0o755)
	g.env = append(g.env, "GIT_REPRO_AGENT_TEST_PIDS="+pids)

	remote := filepath.Join(root, "remote.git")
	g.run(root, "git", "init", "-q", "--bare", "-b", "main", remote)
	work := filepath.Join(root, "work")
	g.run(root, "git", "init", "-q", "-b", "main", work)
	g.run(work, "git", "lfs", "install", "--local")
	if err := Setup(context.Background(), work, DefaultName, exe, storeURL); err != nil {
		t.Fatal(err)
	}
	g.run(work, "git", "remote", "add", "origin", remote)
	g.run(work, "git", "lfs", "track", "*.bin")

	// One large checkpoint plus many small files, so git-lfs runs its 8
	// agent processes at once against the one store.
	big := storetest.Content(42, 6<<20)
	files := map[string][]byte{"model.bin": big}
	for i := 0; i < 24; i++ {
		files[fmt.Sprintf("shard-%02d.bin", i)] = storetest.Content(uint64(100+i), 200<<10+i*4099)
	}
	for name, c := range files {
		if err := os.WriteFile(filepath.Join(work, name), c, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	g.run(work, "git", "add", ".")
	g.run(work, "git", "commit", "-q", "-m", "add checkpoint")
	g.run(work, "git", "push", "-q", "origin", "main")

	entries, _ := os.ReadDir(pids)
	if len(entries) < 2 {
		t.Errorf("git-lfs started %d agent processes, want several running at once", len(entries))
	}
	t.Logf("git-lfs started %d agent processes for the push", len(entries))

	s := open()
	ctx := context.Background()
	for name, c := range files {
		size, err := s.Stat(ctx, storetest.Object(c))
		if err != nil || size != int64(len(c)) {
			t.Fatalf("%s not in the store after push: size %d, err %v", name, size, err)
		}
	}
	before, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// A fresh clone gets the contents through the agent.
	clone := filepath.Join(root, "clone")
	g.runEnv(root, []string{"GIT_LFS_SKIP_SMUDGE=1"}, "git", "clone", "-q", remote, clone)
	if err := Setup(ctx, clone, DefaultName, exe, storeURL); err != nil {
		t.Fatal(err)
	}
	g.run(clone, "git", "lfs", "install", "--local")
	g.run(clone, "git", "lfs", "pull")
	for name, c := range files {
		got, err := os.ReadFile(filepath.Join(clone, name))
		if err != nil || !bytes.Equal(got, c) {
			t.Fatalf("%s in the clone: err %v, %d bytes, want %d", name, err, len(got), len(c))
		}
	}

	// A second push of a slightly modified large file stores only the
	// chunks around the edit.
	edited := append([]byte{}, big...)
	copy(edited[3<<20:], []byte("fine-tuned weights, step 1000"))
	os.WriteFile(filepath.Join(work, "model.bin"), edited, 0o644)
	g.run(work, "git", "commit", "-q", "-am", "fine-tune")
	g.run(work, "git", "push", "-q", "origin", "main")
	after, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	grew := after.StoredBytes - before.StoredBytes
	t.Logf("second push of a %d-byte file with a 29-byte edit: logical +%d bytes, stored +%d bytes, chunks %d -> %d",
		len(edited), after.LogicalBytes-before.LogicalBytes, grew, before.Chunks, after.Chunks)
	if after.LogicalBytes-before.LogicalBytes != int64(len(edited)) {
		t.Errorf("logical bytes grew by %d, want the new version's %d", after.LogicalBytes-before.LogicalBytes, len(edited))
	}
	if grew <= 0 || grew > 3*128<<10 {
		t.Errorf("stored bytes grew by %d for a 29-byte edit, want only the changed chunks (at most %d)", grew, 3*128<<10)
	}
	if d := after.Chunks - before.Chunks; d < 1 || d > 3 {
		t.Errorf("%d new chunks for a 29-byte edit, want 1 to 3", d)
	}
	g.run(clone, "git", "pull", "-q")
	if got, _ := os.ReadFile(filepath.Join(clone, "model.bin")); !bytes.Equal(got, edited) {
		t.Error("the clone did not get the edited model.bin")
	}
}

// TestEightAgentsOneStore runs 8 agent processes by hand, all uploading
// the same and different objects into one store at once (what git-lfs
// 3.3.0 does), and checks every object afterwards.
func TestEightAgentsOneStore(t *testing.T) {
	storeDir := t.TempDir()
	storeURL := "file://" + storeDir + "?pack_size=1048576"
	exe, _ := os.Executable()
	dir := t.TempDir()
	shared := storetest.Content(7, 2<<20)
	sharedPath := filepath.Join(dir, "shared")
	os.WriteFile(sharedPath, shared, 0o644)
	var mu sync.Mutex
	var all [][]byte
	all = append(all, shared)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for p := 0; p < 8; p++ {
		var lines []string
		lines = append(lines, `{"event":"init","operation":"upload","concurrent":true,"concurrenttransfers":8}`)
		lines = append(lines, mustJSON(map[string]any{"event": "upload", "oid": storetest.Object(shared).String(), "size": len(shared), "path": sharedPath}))
		for i := 0; i < 3; i++ {
			// Each object shares most chunks with shared: dedup across
			// processes at once.
			c := append(append([]byte{}, shared[:1<<20]...), storetest.Content(uint64(1000+p*10+i), 300<<10)...)
			path := filepath.Join(dir, fmt.Sprintf("obj-%d-%d", p, i))
			os.WriteFile(path, c, 0o644)
			mu.Lock()
			all = append(all, c)
			mu.Unlock()
			lines = append(lines, mustJSON(map[string]any{"event": "upload", "oid": storetest.Object(c).String(), "size": len(c), "path": path}))
		}
		lines = append(lines, `{"event":"terminate"}`)
		wg.Add(1)
		go func(p int, in string) {
			defer wg.Done()
			cmd := exec.Command(exe, "agent", "--store", storeURL)
			cmd.Env = append(os.Environ(), agentEnv+"=1")
			cmd.Dir = dir
			cmd.Stdin = strings.NewReader(in)
			out, err := cmd.Output()
			if err == nil && (bytes.Contains(out, []byte(`"error"`)) || bytes.Count(out, []byte(`"complete"`)) != 4) {
				err = fmt.Errorf("agent %d replies: %s", p, out)
			}
			errs[p] = err
		}(p, strings.Join(lines, "\n")+"\n")
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	s := open(t, storeDir)
	for _, c := range all {
		o, err := s.Open(context.Background(), storetest.Object(c))
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		_, err = got.ReadFrom(o)
		o.Close()
		if err != nil || !bytes.Equal(got.Bytes(), c) {
			t.Fatalf("object %s: err %v", storetest.Object(c), err)
		}
	}
	st, _ := s.Stats(context.Background())
	t.Logf("8 agents: %d objects, logical %d, stored %d bytes", st.Objects, st.LogicalBytes, st.StoredBytes)
	if st.Objects != 25 {
		t.Errorf("%d objects stored, want 25", st.Objects)
	}
}

func open(t *testing.T, dir string) *chunked.Store {
	t.Helper()
	b, err := chunked.NewDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	s, err := chunked.Open(context.Background(), b, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
