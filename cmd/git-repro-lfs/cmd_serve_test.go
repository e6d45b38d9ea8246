package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	cryptorand "crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/agent"
	"github.com/git-repro/git-repro/lfsstore/server"
)

var builtBins sync.Map // test name -> binary in that test's TempDir

// buildBinary returns a git-repro-lfs executable for tests that need a
// real process to signal. TestMain (script_test.go) already puts one on
// PATH: a copy of this test binary that runs the CLI when invoked as
// "git-repro-lfs", in a directory it removes afterwards. Without it, the
// test runs "go build" into its TempDir.
func buildBinary(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("git-repro-lfs"); err == nil && strings.Contains(p, "testscript-main") {
		return p
	}
	if bin, ok := builtBins.Load(t.Name()); ok {
		return bin.(string)
	}
	bin := filepath.Join(t.TempDir(), "git-repro-lfs")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	builtBins.Store(t.Name(), bin)
	t.Cleanup(func() { builtBins.Delete(t.Name()) })
	return bin
}

type serverProc struct {
	cmd    *exec.Cmd
	addr   string
	logs   *bytes.Buffer
	mu     *sync.Mutex
	logged *sync.Cond // broadcast on every log line
	done   chan error
	exited chan struct{}
}

// startServer runs "git-repro-lfs serve" on a free loopback port.
func startServer(t *testing.T, root string, extra ...string) *serverProc {
	t.Helper()
	args := append([]string{"serve", "--root", root, "--listen", "127.0.0.1:0", "--log-format", "json", "--shutdown-timeout", "30s"}, extra...)
	cmd := exec.Command(buildBinary(t), args...)
	cmd.Env = append(os.Environ(), "GIT_REPRO_LFS_USER=admin", "GIT_REPRO_LFS_PASSWORD=pw")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serverProc{cmd: cmd, logs: &bytes.Buffer{}, mu: &sync.Mutex{}, done: make(chan error, 1), exited: make(chan struct{})}
	p.logged = sync.NewCond(p.mu)
	addrc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			p.mu.Lock()
			p.logs.WriteString(sc.Text() + "\n")
			p.logged.Broadcast()
			p.mu.Unlock()
			var rec struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &rec) == nil && rec.Msg == "serving Git LFS" {
				addrc <- rec.Addr
			}
		}
		p.done <- cmd.Wait()
		close(p.exited)
		p.mu.Lock()
		p.logged.Broadcast()
		p.mu.Unlock()
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-p.done
		}
	})
	select {
	case p.addr = <-addrc:
	case <-p.exited:
		t.Fatalf("server exited at start:\n%s", p.log())
	case <-time.After(30 * time.Second):
		t.Fatalf("server did not start:\n%s", p.log())
	}
	return p
}

// waitLog waits until the server logged a line containing s (true), or
// exited without (false).
func (p *serverProc) waitLog(s string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	for !strings.Contains(p.logs.String(), s) {
		select {
		case <-p.exited:
			return strings.Contains(p.logs.String(), s)
		default:
		}
		p.logged.Wait()
	}
	return true
}

func (p *serverProc) log() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.logs.String()
}

// uploadHref asks the batch API for the upload href of content.
func uploadHref(t *testing.T, addr string, content []byte) string {
	t.Helper()
	return batchHref(t, addr, "upload", content)
}

// batchHref asks the batch API (repository ml/data, as admin) for the
// href of op (upload or download) on content; "" if the reply has none.
func batchHref(t *testing.T, addr, op string, content []byte) string {
	t.Helper()
	sum := sha256.Sum256(content)
	body := fmt.Sprintf(`{"operation":%q,"objects":[{"oid":%q,"size":%d}]}`, op, hex.EncodeToString(sum[:]), len(content))
	req, _ := http.NewRequest("POST", "http://"+addr+"/ml/data.git/info/lfs/objects/batch", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/vnd.git-lfs+json")
	req.SetBasicAuth("admin", "pw")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var br struct {
		Objects []struct {
			Actions map[string]struct{ Href string }
		}
	}
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &br); err != nil || len(br.Objects) != 1 {
		t.Fatalf("batch: %d %s", resp.StatusCode, b)
	}
	return br.Objects[0].Actions[op].Href
}

func randomBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// startSlowPut begins a PUT whose body the test feeds through the
// returned writer; the result arrives on the channel.
func startSlowPut(href string, size int) (*io.PipeWriter, chan int) {
	pr, pw := io.Pipe()
	res := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest("PUT", href, pr)
		req.ContentLength = int64(size)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			res <- -1
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		res <- resp.StatusCode
	}()
	return pw, res
}

// waitLeftover waits until an upload in progress (in the server process,
// so there is no event to wait on: it polls the store) has written min
// bytes to a file of the kind given ("temporary file", "spool file").
func waitLeftover(t *testing.T, store lfsstore.LeftoverCleaner, kind string, min int64) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		left, _ := store.Leftovers(context.Background())
		for _, l := range left {
			if l.Kind == kind && l.Size >= min && l.InProgress {
				return
			}
		}
	}
	t.Fatalf("upload never wrote %d bytes to a %s", min, kind)
}

func objectFiles(t *testing.T, root string) []string {
	t.Helper()
	var files []string
	filepath.WalkDir(filepath.Join(root, "objects"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	return files
}

func fsckCLI(t *testing.T, root string, extra ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(buildBinary(t), append([]string{"fsck", "--root", root}, extra...)...)
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

// TestLFSServeKilledMidUpload: SIGKILL during a PUT leaves no visible
// object; fsck is clean and reports the temporary file, which
// --remove-leftovers removes; the object can be uploaded again.
func TestLFSServeKilledMidUpload(t *testing.T) {
	root := t.TempDir()
	store, err := lfsstore.NewLocal(root)
	if err != nil {
		t.Fatal(err)
	}
	content := randomBytes(1, 16<<20)
	srv := startServer(t, root)
	href := uploadHref(t, srv.addr, content)
	pw, res := startSlowPut(href, len(content))
	if _, err := pw.Write(content[:6<<20]); err != nil {
		t.Fatal(err)
	}
	waitLeftover(t, store, "temporary file", 1<<20)
	if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-srv.done
	pw.CloseWithError(io.ErrClosedPipe)
	if code := <-res; code == 200 {
		t.Fatal("PUT succeeded although the server was killed")
	}
	if files := objectFiles(t, root); len(files) != 0 {
		t.Fatalf("killed upload left visible objects: %v", files)
	}
	sum := sha256.Sum256(content)
	if _, err := store.Stat(context.Background(), lfsstore.OID(sum)); err == nil {
		t.Fatal("killed upload is visible through Stat")
	}
	out, code := fsckCLI(t, root)
	if code != 0 || !strings.Contains(out, "checked 0 objects") || !strings.Contains(out, ": 0 corrupt") || !strings.Contains(out, "left by an interrupted upload; --remove-leftovers removes it") {
		t.Errorf("fsck after the kill: exit %d\n%s", code, out)
	}
	// Removed at once on request, not after a day.
	out, code = fsckCLI(t, root, "--remove-leftovers")
	if code != 0 || !strings.Contains(out, "removed: temporary file") {
		t.Errorf("fsck --remove-leftovers: exit %d\n%s", code, out)
	}
	if left, err := store.Leftovers(context.Background()); err != nil || len(left) != 0 {
		t.Errorf("leftovers after fsck --remove-leftovers: %+v, %v", left, err)
	}

	// A restarted server still wants the object and accepts it.
	srv = startServer(t, root)
	href = uploadHref(t, srv.addr, content)
	if href == "" {
		t.Fatal("restarted server does not ask for the killed upload")
	}
	pw, res = startSlowPut(href, len(content))
	go func() { pw.Write(content); pw.Close() }()
	if code := <-res; code != 200 {
		t.Fatalf("re-upload: %d\n%s", code, srv.log())
	}
	out, code = fsckCLI(t, root)
	if code != 0 || !strings.Contains(out, "checked 1 objects") || !strings.Contains(out, ": 0 corrupt") {
		t.Errorf("fsck after the re-upload: exit %d\n%s", code, out)
	}
	if strings.Contains(srv.log(), `"pw"`) || strings.Contains(srv.log(), "sig=") {
		t.Errorf("server log contains credentials or signatures:\n%s", srv.log())
	}
}

// TestLFSServeDrainsOnSIGTERM: an upload in flight when SIGTERM arrives
// completes, and then the server exits cleanly.
func TestLFSServeDrainsOnSIGTERM(t *testing.T) {
	root := t.TempDir()
	store, err := lfsstore.NewLocal(root)
	if err != nil {
		t.Fatal(err)
	}
	content := randomBytes(2, 8<<20)
	srv := startServer(t, root)
	href := uploadHref(t, srv.addr, content)
	pw, res := startSlowPut(href, len(content))
	if _, err := pw.Write(content[:3<<20]); err != nil {
		t.Fatal(err)
	}
	waitLeftover(t, store, "temporary file", 1<<20)
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// Wait until the server has stopped accepting, then finish the body.
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(srv.log(), "shutting down"); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no shutdown log line:\n%s", srv.log())
		}
	}
	if _, err := http.Get("http://" + srv.addr + "/healthz"); err == nil {
		t.Error("server accepted a new connection after SIGTERM")
	}
	if _, err := pw.Write(content[3<<20:]); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	if code := <-res; code != 200 {
		t.Fatalf("in-flight upload during shutdown: %d\n%s", code, srv.log())
	}
	select {
	case err := <-srv.done:
		if err != nil {
			t.Errorf("server exit: %v\n%s", err, srv.log())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not exit after draining")
	}
	sum := sha256.Sum256(content)
	if size, err := store.Stat(context.Background(), lfsstore.OID(sum)); err != nil || size != int64(len(content)) {
		t.Errorf("drained upload not stored: %d, %v", size, err)
	}
}

func runCLI(getenv map[string]string, args ...string) (string, string, int) {
	var out, errb bytes.Buffer
	c := &CLI{Stdin: strings.NewReader("s3cret\n"), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return getenv[k] }}
	code := c.Main(append([]string{"git-repro-lfs"}, args...))
	return out.String(), errb.String(), code
}

func TestLFSServeUsageErrors(t *testing.T) {
	root := t.TempDir()
	env := map[string]string{"GIT_REPRO_LFS_USER": "admin", "GIT_REPRO_LFS_PASSWORD": "pw"}
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"no root", env, []string{"serve"}, "missing --root"},
		{"no users", nil, []string{"serve", "--root", root}, "no users"},
		{"half bootstrap", map[string]string{"GIT_REPRO_LFS_USER": "admin"}, []string{"serve", "--root", root}, "GIT_REPRO_LFS_PASSWORD"},
		{"tls half", env, []string{"serve", "--root", root, "--tls-cert", "c.pem"}, "--tls-key"},
		{"bad public url", env, []string{"serve", "--root", root, "--public-url", "ftp://x"}, "invalid --public-url"},
		{"missing auth file", env, []string{"serve", "--root", root, "--auth-file", filepath.Join(root, "nope.yaml")}, "auth file"},
		{"fsck no root", nil, []string{"fsck"}, "missing --root"},
	} {
		_, errs, code := runCLI(tc.env, tc.args...)
		if code != ExitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit %d mentioning %q", tc.name, code, errs, ExitUsage, tc.want)
		}
	}
	out, _, code := runCLI(nil, "serve", "--hash-password")
	if code != 0 || !strings.HasPrefix(out, "$2a$") {
		t.Errorf("--hash-password: exit %d, %q", code, out)
	}
}

func TestLFSFsckReportsAndQuarantines(t *testing.T) {
	root := t.TempDir()
	store, err := lfsstore.NewLocal(root)
	if err != nil {
		t.Fatal(err)
	}
	var bad lfsstore.OID
	for i := 0; i < 3; i++ {
		c := randomBytes(uint64(10+i), 5000)
		bad = sha256.Sum256(c)
		if err := store.Put(context.Background(), bad, int64(len(c)), bytes.NewReader(c)); err != nil {
			t.Fatal(err)
		}
	}
	h := bad.String()
	p := filepath.Join(root, "objects", h[:2], h[2:4], h)
	b, _ := os.ReadFile(p)
	b[100] ^= 0x40
	os.WriteFile(p, b, 0o600)

	out, _, code := runCLI(nil, "fsck", "--root", root)
	if code != ExitFindings || !strings.Contains(out, "corrupt object "+h) || !strings.Contains(out, "--quarantine") {
		t.Errorf("fsck: exit %d\n%s", code, out)
	}
	out, _, code = runCLI(nil, "fsck", "--root", root, "--quarantine")
	if code != ExitFindings || !strings.Contains(out, "moved to") {
		t.Errorf("fsck --quarantine: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(p); err == nil {
		t.Error("corrupt object still in place after --quarantine")
	}
	out, errs, code := runCLI(nil, "fsck", "--root", root, "--progress", "always")
	if code != ExitClean || !strings.Contains(out, "checked 2 objects") || !strings.Contains(errs, "checking objects: 2/2") {
		t.Errorf("fsck after quarantine: exit %d\n%s%s", code, out, errs)
	}
}

// TestLFSFlagsDocumented: every flag of lfs serve and lfs fsck appears in
// docs/lfs.md.
func TestLFSFlagsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/lfs.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []*Command{serveCommand, fsckCommand} {
		fs := pflag.NewFlagSet(cmd.Name, pflag.ContinueOnError)
		cmd.SetFlags(fs)
		fs.VisitAll(func(f *pflag.Flag) {
			if !strings.Contains(string(doc), "--"+f.Name) {
				t.Errorf("docs/lfs.md does not document \"lfs %s --%s\"", cmd.Name, f.Name)
			}
		})
	}
}

// TestLFSServeTLS: --tls-cert/--tls-key serve HTTPS and hrefs use https.
func TestLFSServeTLS(t *testing.T) {
	dir := t.TempDir()
	key, err := ecdsa.GenerateKey(elliptic.P256(), cryptorand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore:   time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(cryptorand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)

	srv := startServer(t, filepath.Join(dir, "root"), "--tls-cert", certFile, "--tls-key", keyFile)
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := client.Get("https://" + srv.addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("healthz over TLS: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest("POST", "https://"+srv.addr+"/a/b/info/lfs/objects/batch",
		strings.NewReader(`{"operation":"upload","objects":[{"oid":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","size":0}]}`))
	req.Header.Set("Content-Type", "application/vnd.git-lfs+json")
	req.SetBasicAuth("admin", "pw")
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `"href":"https://`+srv.addr+`/a/b/info/lfs/objects/`) {
		t.Errorf("batch over TLS: hrefs are not https: %s", b)
	}
	// Go's TLS server answers plain HTTP with a 400, never with content.
	if r, err := http.Get("http://" + srv.addr + "/healthz"); err == nil {
		r.Body.Close()
		if r.StatusCode == 200 {
			t.Error("TLS server answered plain HTTP")
		}
	}

}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1": 1, "500MiB": 500 << 20, "10GiB": 10 << 30, "1.5G": 3 << 29, "2MB": 2e6, "7 K": 7 << 10} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1", "10XB", "GiB", "1e99"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) succeeded, want an error", in)
		}
	}
}

// TestLFSServeChunkedStoreAndQuota: --store serves from a chunked store
// URL, --quota refuses an upload batch over the limit with 507.
func TestLFSServeChunkedStoreAndQuota(t *testing.T) {
	dir := t.TempDir()
	srv := startServer(t, filepath.Join(dir, "state"), "--store", "file://"+filepath.Join(dir, "chunks"), "--quota", "3MiB")
	small := randomBytes(3, 2<<20)
	href := uploadHref(t, srv.addr, small)
	pw, res := startSlowPut(href, len(small))
	go func() { pw.Write(small); pw.Close() }()
	if code := <-res; code != 200 {
		t.Fatalf("upload to the chunked store: %d\n%s", code, srv.log())
	}
	// The object went to the chunked store, not to a plain one in --root.
	if files := objectFiles(t, filepath.Join(dir, "state")); len(files) != 0 {
		t.Errorf("plain objects under --root: %v", files)
	}
	sum := sha256.Sum256(small)
	st, err := agentOpen(filepath.Join(dir, "chunks"))
	if err != nil {
		t.Fatal(err)
	}
	if size, err := st.Stat(context.Background(), lfsstore.OID(sum)); err != nil || size != int64(len(small)) {
		t.Errorf("chunked store Stat: %d, %v", size, err)
	}
	// A second 2 MiB object would exceed the 3 MiB quota.
	big := randomBytes(4, 2<<20)
	bs := sha256.Sum256(big)
	body := fmt.Sprintf(`{"operation":"upload","objects":[{"oid":%q,"size":%d}]}`, hex.EncodeToString(bs[:]), len(big))
	req, _ := http.NewRequest("POST", "http://"+srv.addr+"/ml/data.git/info/lfs/objects/batch", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/vnd.git-lfs+json")
	req.SetBasicAuth("admin", "pw")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 507 || !strings.Contains(string(b), "quota") {
		t.Errorf("over quota: %d %s; want 507", resp.StatusCode, b)
	}
	out, code := fsckCLI(t, filepath.Join(dir, "state"), "--store", "file://"+filepath.Join(dir, "chunks"))
	if code != 0 || !strings.Contains(out, "checked 1 objects") {
		t.Errorf("fsck of the chunked store: exit %d\n%s", code, out)
	}
}

func agentOpen(dir string) (lfsstore.Store, error) {
	return agent.OpenURL(context.Background(), "file://"+dir, os.Getenv)
}

func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"10GiB", "1.5G", "7 K", "", "1e99", ".", "9999999999999TB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseSize(s)
		if err == nil && n <= 0 {
			t.Fatalf("parseSize(%q) = %d without an error", s, n)
		}
	})
}

// TestLFSServeReloadsUsersOnSIGHUP: a user added to the users file can
// log in after SIGHUP, without a restart; a broken file keeps the old one.
func TestLFSServeReloadsUsersOnSIGHUP(t *testing.T) {
	dir := t.TempDir()
	authFile := filepath.Join(dir, "users.yaml")
	writeUsers := func(extra string) {
		hash, err := server.HashPassword("bob-pw")
		if err != nil {
			t.Fatal(err)
		}
		y := "anonymous_read: [\"pub/*\"]\n"
		if extra != "" {
			y = fmt.Sprintf("users:\n  - name: %s\n    password: %q\n    access: {\"*\": read}\n", extra, hash)
		}
		if err := os.WriteFile(authFile, []byte(y), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	writeUsers("")
	srv := startServer(t, filepath.Join(dir, "root"), "--auth-file", authFile)
	status := func() int {
		req, _ := http.NewRequest("GET", "http://"+srv.addr+"/ml/data/info/lfs/locks", nil)
		req.SetBasicAuth("bob", "bob-pw")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	hup := func(wantLog string, n int) {
		t.Helper()
		srv.cmd.Process.Signal(syscall.SIGHUP)
		for deadline := time.Now().Add(10 * time.Second); strings.Count(srv.log(), wantLog) < n; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("no %q log line after SIGHUP:\n%s", wantLog, srv.log())
			}
		}
	}
	if c := status(); c != 401 {
		t.Fatalf("bob before he exists: %d, want 401", c)
	}
	writeUsers("bob")
	hup("users reloaded", 1)
	if c := status(); c != 200 {
		t.Errorf("bob after SIGHUP: %d, want 200", c)
	}
	os.WriteFile(authFile, []byte("users: [oops"), 0o600)
	hup("not reloaded", 1)
	if c := status(); c != 200 {
		t.Errorf("bob after a broken reload: %d, want 200 (old users kept)", c)
	}
}
