package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/git-repro/git-repro/lfsstore"
)

const (
	alicePass  = "alice-secret-1"
	readerPass = "reader-secret-2"
	adminPass  = "admin-secret-3"
)

type fixture struct {
	t     testing.TB
	srv   *Server
	ts    *httptest.Server
	store *lfsstore.Local
	logs  *syncBuffer
	now   time.Time
	state string
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var testAuthYAML = func() string {
	ha, _ := HashPassword(alicePass)
	hr, _ := HashPassword(readerPass)
	return fmt.Sprintf(`
anonymous_read: ["public/*"]
users:
  - name: alice
    password: %q
    access:
      "team/*": write
      "/": write
  - name: reader
    password: %q
    access:
      "*": read
`, ha, hr)
}()

func newFixture(t testing.TB) *fixture {
	t.Helper()
	store, err := lfsstore.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, store: store, logs: &syncBuffer{}, now: time.Now(), state: t.TempDir()}
	f.start()
	return f
}

func (f *fixture) start() {
	auth, err := ParseAuth([]byte(testAuthYAML))
	if err != nil {
		f.t.Fatal(err)
	}
	if err := auth.AddBootstrapAdmin("admin", adminPass); err != nil {
		f.t.Fatal(err)
	}
	f.ts = httptest.NewUnstartedServer(nil)
	u, _ := url.Parse("http://" + f.ts.Listener.Addr().String())
	f.srv, err = New(Config{
		Store: f.store, StateDir: f.state, PublicURL: u, Auth: auth,
		Logger: slog.New(slog.NewJSONHandler(f.logs, nil)),
		Now:    func() time.Time { return f.now },
	})
	if err != nil {
		f.t.Fatal(err)
	}
	f.ts.Config.Handler = f.srv
	f.ts.Start()
	f.t.Cleanup(f.ts.Close)
}

type reply struct {
	code int
	hdr  http.Header
	body []byte
}

func (r reply) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("reply %d is not JSON: %v\n%s", r.code, err, r.body)
	}
}

func (f *fixture) do(method, path, user, pass string, body io.Reader, hdr ...string) reply {
	f.t.Helper()
	u := path
	if !strings.HasPrefix(path, "http") {
		u = f.ts.URL + path
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		f.t.Fatal(err)
	}
	if user != "" {
		req.SetBasicAuth(user, pass)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return reply{resp.StatusCode, resp.Header, b}
}

func (f *fixture) api(method, path, user, pass string, body any) reply {
	f.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	return f.do(method, path, user, pass, rd, "Content-Type", mediaType+"; charset=utf-8", "Accept", mediaType)
}

func (f *fixture) batch(repoBase, user, pass, op string, objects ...any) (reply, batchResponse) {
	f.t.Helper()
	r := f.api("POST", repoBase+"/objects/batch", user, pass, map[string]any{
		"operation": op, "transfers": []string{"lfs-standalone-file", "basic", "ssh"},
		"ref": map[string]any{}, "objects": objects, "hash_algo": "sha256",
	})
	var br batchResponse
	if r.code == 200 {
		r.json(f.t, &br)
	}
	return r, br
}

func obj(content []byte) map[string]any {
	s := sha256.Sum256(content)
	return map[string]any{"oid": hex.EncodeToString(s[:]), "size": len(content)}
}

func oidOf(content []byte) string {
	s := sha256.Sum256(content)
	return hex.EncodeToString(s[:])
}

const repo = "/team/proj.git/info/lfs"

// upload runs the batch upload, PUT and verify for content.
func (f *fixture) upload(base string, content []byte) {
	f.t.Helper()
	r, br := f.batch(base, "alice", alicePass, "upload", obj(content))
	if r.code != 200 || len(br.Objects) != 1 || br.Objects[0].Actions["upload"] == nil {
		f.t.Fatalf("upload batch: %d %s", r.code, r.body)
	}
	a := br.Objects[0].Actions
	if pr := f.do("PUT", a["upload"].Href, "", "", bytes.NewReader(content), "Content-Type", "application/zip"); pr.code != 200 {
		f.t.Fatalf("PUT: %d %s", pr.code, pr.body)
	}
	if vr := f.api("POST", a["verify"].Href, "", "", map[string]any{"oid": oidOf(content), "size": len(content)}); vr.code != 200 {
		f.t.Fatalf("verify: %d %s", vr.code, vr.body)
	}
}

func TestBatchValidatesEachObject(t *testing.T) {
	f := newFixture(t)
	good := []byte("good object")
	oid := oidOf(good)
	r, br := f.batch(repo, "alice", alicePass, "upload",
		map[string]any{"oid": oid[:63], "size": 1},             // too short
		map[string]any{"oid": oid + "0", "size": 1},            // too long
		map[string]any{"oid": oid[:63] + "z", "size": 1},       // non-hex
		map[string]any{"oid": strings.ToUpper(oid), "size": 1}, // uppercase
		map[string]any{"oid": "../../etc/passwd", "size": 1},   // traversal
		map[string]any{"oid": oid, "size": -1},                 // negative size
		map[string]any{"oid": oid, "size": 1.5},                // fractional size
		map[string]any{"oid": 12, "size": 1},                   // not a string
		obj(good),                                              // fine
		obj(nil),                                               // size 0: fine
	)
	if r.code != 200 {
		t.Fatalf("batch: %d %s", r.code, r.body)
	}
	if len(br.Objects) != 10 {
		t.Fatalf("got %d objects, want 10", len(br.Objects))
	}
	for i, o := range br.Objects[:8] {
		if o.Error == nil || o.Error.Code != 422 || o.Actions != nil {
			t.Errorf("object %d (%s): error %+v actions %v; want a 422 error and no actions", i, o.OID, o.Error, o.Actions)
		}
	}
	for i, o := range br.Objects[8:] {
		if o.Error != nil || o.Actions["upload"] == nil || o.Actions["verify"] == nil || !o.Authenticated {
			t.Errorf("valid object %d: %+v; want upload and verify actions", i+8, o)
		}
		for name, a := range o.Actions {
			if a.ExpiresIn <= 0 || a.ExpiresAt.IsZero() || !strings.Contains(a.Href, "sig=") {
				t.Errorf("%s action %+v lacks expiry or signature", name, a)
			}
		}
	}
	if br.Transfer != "basic" || br.HashAlgo != "sha256" {
		t.Errorf("transfer %q hash_algo %q", br.Transfer, br.HashAlgo)
	}
	if br.Objects[9].Size != 0 {
		t.Errorf("size-0 object echoed with size %d", br.Objects[9].Size)
	}
}

func TestBatchWholeRequestErrors(t *testing.T) {
	f := newFixture(t)
	many := make([]any, 101)
	for i := range many {
		many[i] = obj([]byte{byte(i)})
	}
	if r, _ := f.batch(repo, "alice", alicePass, "upload", many...); r.code != 413 {
		t.Errorf("101 objects: %d, want 413", r.code)
	}
	if r, br := f.batch(repo, "alice", alicePass, "upload", many[:100]...); r.code != 200 || len(br.Objects) != 100 {
		t.Errorf("100 objects: %d, want 200", r.code)
	}
	r := f.api("POST", repo+"/objects/batch", "alice", alicePass, map[string]any{
		"operation": "upload", "objects": []any{obj([]byte("x"))}, "hash_algo": "sha512", "ref": nil})
	var br batchResponse
	r.json(t, &br)
	if r.code != 200 || br.Objects[0].Error == nil || br.Objects[0].Error.Code != 409 {
		t.Errorf("hash_algo sha512: %d %s; want a per-object 409", r.code, r.body)
	}
	// ref null and a missing ref are accepted.
	r = f.api("POST", repo+"/objects/batch", "alice", alicePass, map[string]any{"operation": "download", "objects": []any{}, "ref": nil})
	if r.code != 200 {
		t.Errorf("ref null: %d %s", r.code, r.body)
	}
	if r := f.api("POST", repo+"/objects/batch", "alice", alicePass, map[string]any{"operation": "delete", "objects": []any{}}); r.code != 422 {
		t.Errorf("operation delete: %d, want 422", r.code)
	}
	if r := f.do("POST", repo+"/objects/batch", "alice", alicePass, strings.NewReader("{"), "Content-Type", mediaType); r.code != 422 {
		t.Errorf("malformed JSON: %d, want 422", r.code)
	}
	if r := f.do("POST", repo+"/objects/batch", "alice", alicePass, strings.NewReader("{}"), "Content-Type", "text/plain"); r.code != 415 {
		t.Errorf("text/plain: %d, want 415", r.code)
	}
}

func TestBatchUploadOfStoredObjectHasNoActions(t *testing.T) {
	f := newFixture(t)
	c := []byte("stored already")
	f.upload(repo, c)
	r, br := f.batch(repo, "alice", alicePass, "upload", obj(c), obj([]byte("new")))
	if r.code != 200 || br.Objects[0].Actions != nil || br.Objects[0].Error != nil {
		t.Errorf("stored object: %s; want neither actions nor error", r.body)
	}
	if br.Objects[1].Actions["upload"] == nil {
		t.Errorf("new object in the same batch lost its upload action: %s", r.body)
	}
	// Download: stored object gets a download action, missing gets 404.
	r, br = f.batch(repo, "reader", readerPass, "download", obj(c), obj([]byte("missing")))
	if r.code != 200 || br.Objects[0].Actions["download"] == nil || br.Objects[1].Error == nil || br.Objects[1].Error.Code != 404 {
		t.Errorf("download batch: %s", r.body)
	}
	d := f.do("GET", br.Objects[0].Actions["download"].Href, "", "", nil)
	if d.code != 200 || !bytes.Equal(d.body, c) {
		t.Errorf("download: %d %q", d.code, d.body)
	}
	// A wrong size for a stored object is a per-object 422.
	r, br = f.batch(repo, "reader", readerPass, "download", map[string]any{"oid": oidOf(c), "size": 3})
	if br.Objects[0].Error == nil || br.Objects[0].Error.Code != 422 {
		t.Errorf("download with the wrong size: %s", r.body)
	}
}

func TestAuth(t *testing.T) {
	f := newFixture(t)
	c := []byte("secret data")
	cases := []struct {
		name, base, user, pass, op string
		want                       int
	}{
		{"no credentials", repo, "", "", "download", 401},
		{"wrong password", repo, "alice", "nope", "download", 401},
		{"unknown user", repo, "mallory", "x", "download", 401},
		{"reader downloads", repo, "reader", readerPass, "download", 200},
		{"reader uploads", repo, "reader", readerPass, "upload", 403},
		{"alice outside her namespace", "/other/proj/info/lfs", "alice", alicePass, "upload", 403},
		{"alice root", "", "alice", alicePass, "upload", 200},
		{"anonymous read public", "/public/data/info/lfs", "", "", "download", 200},
		{"anonymous upload public", "/public/data/info/lfs", "", "", "upload", 401},
		{"bootstrap admin", "/any/where.git/info/lfs", "admin", adminPass, "upload", 200},
		{"bootstrap admin wrong password", "/any/where/info/lfs", "admin", "x", "upload", 401},
	}
	for _, tc := range cases {
		r, _ := f.batch(tc.base, tc.user, tc.pass, tc.op, obj(c))
		if r.code != tc.want {
			t.Errorf("%s: %d %s; want %d", tc.name, r.code, r.body, tc.want)
		}
		if r.code == 401 && !strings.HasPrefix(r.hdr.Get("LFS-Authenticate"), "Basic realm=") {
			t.Errorf("%s: 401 without LFS-Authenticate: %v", tc.name, r.hdr)
		}
		if r.code >= 400 {
			var eb errorBody
			r.json(t, &eb)
			if eb.Message == "" || eb.RequestID == "" || eb.RequestID != r.hdr.Get("X-Request-Id") {
				t.Errorf("%s: error body %+v, header id %q", tc.name, eb, r.hdr.Get("X-Request-Id"))
			}
		}
	}
	logs := f.logs.String()
	for _, secret := range []string{alicePass, readerPass, adminPass, "nope", "sig="} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain %q", secret)
		}
	}
	if !strings.Contains(logs, `"request_id"`) || !strings.Contains(logs, `"user":"alice"`) {
		t.Errorf("logs lack request ids or users:\n%s", logs)
	}
}

func TestCorruptPutStoresNothing(t *testing.T) {
	f := newFixture(t)
	c := bytes.Repeat([]byte("payload "), 10000)
	_, br := f.batch(repo, "alice", alicePass, "upload", obj(c))
	a := br.Objects[0].Actions
	bad := append([]byte{}, c...)
	bad[500] ^= 0xff
	if r := f.do("PUT", a["upload"].Href, "", "", bytes.NewReader(bad)); r.code != 422 {
		t.Errorf("corrupt PUT: %d %s; want 422", r.code, r.body)
	}
	if r := f.do("PUT", a["upload"].Href, "", "", bytes.NewReader(c[:len(c)-1])); r.code != 422 {
		t.Errorf("short PUT: %d %s; want 422", r.code, r.body)
	}
	n := 0
	f.store.Walk(t.Context(), func(lfsstore.Info) error { n++; return nil })
	tf, _ := f.store.Leftovers(context.Background())
	if n != 0 || len(tf) != 0 {
		t.Errorf("after corrupt PUTs: %d objects, %d temp files; want none", n, len(tf))
	}
	if r := f.api("POST", a["verify"].Href, "", "", map[string]any{"oid": oidOf(c), "size": len(c)}); r.code != 404 {
		t.Errorf("verify of a refused upload: %d, want 404", r.code)
	}
	if r, br := f.batch(repo, "alice", alicePass, "upload", obj(c)); br.Objects[0].Actions["upload"] == nil {
		t.Errorf("object still wanted after refused PUT: %s", r.body)
	}
}

func TestRangeGet(t *testing.T) {
	f := newFixture(t)
	c := make([]byte, 100000)
	for i := range c {
		c[i] = byte(i * 7)
	}
	f.upload(repo, c)
	_, br := f.batch(repo, "alice", alicePass, "download", obj(c))
	href := br.Objects[0].Actions["download"].Href
	for _, tc := range []struct {
		rng        string
		start, end int
	}{
		{"bytes=0-9", 0, 9}, {"bytes=99990-", 99990, 99999}, {"bytes=-5", 99995, 99999}, {"bytes=500-99999999", 500, 99999},
	} {
		r := f.do("GET", href, "", "", nil, "Range", tc.rng)
		want := fmt.Sprintf("bytes %d-%d/%d", tc.start, tc.end, len(c))
		if r.code != 206 || r.hdr.Get("Content-Range") != want || !bytes.Equal(r.body, c[tc.start:tc.end+1]) {
			t.Errorf("Range %s: %d Content-Range %q (want %q), %d bytes", tc.rng, r.code, r.hdr.Get("Content-Range"), want, len(r.body))
		}
	}
	if r := f.do("GET", href, "", "", nil, "Range", "bytes=100000-"); r.code != 416 {
		t.Errorf("unsatisfiable range: %d, want 416", r.code)
	}
}

func TestSignedURLs(t *testing.T) {
	f := newFixture(t)
	c := []byte("signed")
	f.upload(repo, c)
	_, br := f.batch(repo, "reader", readerPass, "download", obj(c))
	href := br.Objects[0].Actions["download"].Href
	if r := f.do("GET", href, "", "", nil); r.code != 200 {
		t.Fatalf("fresh href: %d", r.code)
	}
	tampered := strings.Replace(href, "size=6", "size=7", 1)
	if r := f.do("GET", tampered, "", "", nil); r.code != 403 {
		t.Errorf("tampered href: %d, want 403", r.code)
	}
	other := strings.Replace(href, "/team/proj.git/", "/team/other/", 1)
	if r := f.do("GET", other, "", "", nil); r.code != 403 {
		t.Errorf("href replayed on another repository: %d, want 403", r.code)
	}
	// A download href does not authorise an upload.
	if r := f.do("PUT", href, "", "", bytes.NewReader(c)); r.code != 403 {
		t.Errorf("download href used for PUT: %d, want 403", r.code)
	}
	f.now = f.now.Add(2 * time.Hour)
	r := f.do("GET", href, "", "", nil)
	if r.code != 403 || !strings.Contains(string(r.body), "expired") {
		t.Errorf("expired href: %d %s; want 403 expired", r.code, r.body)
	}
	// Without a signature, Basic credentials work.
	if r := f.do("GET", repo+"/objects/"+oidOf(c), "reader", readerPass, nil); r.code != 200 {
		t.Errorf("GET with credentials: %d", r.code)
	}
	if r := f.do("GET", repo+"/objects/"+oidOf(c), "", "", nil); r.code != 401 {
		t.Errorf("GET without anything: %d, want 401", r.code)
	}
	if r := f.do("GET", repo+"/objects/..%2F..%2Fsigning.key", "reader", readerPass, nil); r.code != 422 && r.code != 404 {
		t.Errorf("traversal oid: %d", r.code)
	}
}

func TestConcurrentPuts(t *testing.T) {
	f := newFixture(t)
	f.setLimits(Limits{MaxClientTransfers: -1})           // 50 at once from one client; the cap has TestClientTransferCap
	c := bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MiB
	_, br := f.batch(repo, "alice", alicePass, "upload", obj(c))
	href := br.Objects[0].Actions["upload"].Href
	const n = 50
	codes := make([]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			req, _ := http.NewRequest("PUT", href, bytes.NewReader(c))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			codes[i] = resp.StatusCode
		}(i)
	}
	wg.Wait()
	for i, c := range codes {
		if c != 200 {
			t.Errorf("PUT %d: %d", i, c)
		}
	}
	var infos []lfsstore.Info
	f.store.Walk(t.Context(), func(i lfsstore.Info) error { infos = append(infos, i); return nil })
	if len(infos) != 1 || infos[0].Size != int64(len(c)) || infos[0].OID.String() != oidOf(c) {
		t.Errorf("after %d concurrent PUTs: %v; want exactly one intact object", n, infos)
	}
	tf, _ := f.store.Leftovers(context.Background())
	if len(tf) != 0 {
		t.Errorf("%d temp files left", len(tf))
	}
}

func TestLocks(t *testing.T) {
	f := newFixture(t)
	var lr listLocksResponse
	r := f.api("GET", repo+"/locks", "reader", readerPass, nil)
	if r.code != 200 || !strings.Contains(string(r.body), `"locks":[]`) {
		t.Fatalf("empty list: %d %s; want locks: []", r.code, r.body)
	}
	var created []lock
	for _, p := range []string{"b.bin", "a.bin", "c.bin"} {
		r := f.api("POST", repo+"/locks", "alice", alicePass, map[string]any{"path": p, "ref": map[string]any{"name": "refs/heads/main"}})
		var cr lockResponse
		r.json(t, &cr)
		if r.code != 201 || cr.Lock == nil || cr.Lock.ID == "" || cr.Lock.Owner.Name != "alice" || cr.Lock.Path != p {
			t.Fatalf("create %s: %d %s", p, r.code, r.body)
		}
		created = append(created, *cr.Lock)
	}
	r = f.api("POST", repo+"/locks", "admin", adminPass, map[string]any{"path": "a.bin"})
	var cr lockResponse
	r.json(t, &cr)
	if r.code != 409 || cr.Lock == nil || cr.Lock.ID != created[1].ID {
		t.Errorf("duplicate lock: %d %s; want 409 with the existing lock", r.code, r.body)
	}
	if r := f.api("POST", repo+"/locks", "reader", readerPass, map[string]any{"path": "d.bin"}); r.code != 403 {
		t.Errorf("reader creates a lock: %d, want 403", r.code)
	}
	// Paging and filters.
	f.api("GET", repo+"/locks?limit=2&refspec=refs/heads/main", "reader", readerPass, nil).json(t, &lr)
	if len(lr.Locks) != 2 || lr.Locks[0].Path != "a.bin" || lr.NextCursor == "" {
		t.Fatalf("page 1: %+v", lr)
	}
	var lr2 listLocksResponse
	f.api("GET", repo+"/locks?limit=2&cursor="+lr.NextCursor, "reader", readerPass, nil).json(t, &lr2)
	if len(lr2.Locks) != 1 || lr2.Locks[0].Path != "c.bin" || lr2.NextCursor != "" {
		t.Errorf("page 2: %+v", lr2)
	}
	f.api("GET", repo+"/locks?path=b.bin", "reader", readerPass, nil).json(t, &lr)
	if len(lr.Locks) != 1 || lr.Locks[0].ID != created[0].ID {
		t.Errorf("path filter: %+v", lr)
	}
	f.api("GET", repo+"/locks?id="+created[2].ID, "reader", readerPass, nil).json(t, &lr)
	if len(lr.Locks) != 1 || lr.Locks[0].Path != "c.bin" {
		t.Errorf("id filter: %+v", lr)
	}
	// Verify: ours and theirs.
	var vr verifyLocksResponse
	f.api("POST", repo+"/locks/verify", "alice", alicePass, map[string]any{"ref": map[string]any{"name": "refs/heads/main"}}).json(t, &vr)
	if len(vr.Ours) != 3 || len(vr.Theirs) != 0 {
		t.Errorf("verify as alice: %+v", vr)
	}
	r = f.api("POST", repo+"/locks/verify", "admin", adminPass, map[string]any{})
	if r.code != 200 || !strings.Contains(string(r.body), `"ours":[]`) {
		t.Errorf("verify as admin: %d %s", r.code, r.body)
	}
	// Unlock rules.
	id := created[0].ID
	unlock := func(user, pass string, force bool) int {
		return f.api("POST", repo+"/locks/"+id+"/unlock", user, pass, map[string]any{"force": force}).code
	}
	f.api("POST", "/team/proj2/info/lfs/locks", "alice", alicePass, map[string]any{"path": "x"})
	if c := unlock("admin", adminPass, false); c != 403 {
		t.Errorf("admin unlocks alice's lock without force: %d, want 403", c)
	}
	// A persisted copy survives a restart.
	f.ts.Close()
	f.start()
	f.api("GET", repo+"/locks", "reader", readerPass, nil).json(t, &lr)
	if len(lr.Locks) != 3 {
		t.Errorf("after restart: %d locks, want 3", len(lr.Locks))
	}
	if c := unlock("admin", adminPass, true); c != 200 {
		t.Errorf("admin force-unlock: %d, want 200", c)
	}
	if c := unlock("alice", alicePass, false); c != 404 {
		t.Errorf("unlock of a released lock: %d, want 404", c)
	}
	id = created[1].ID
	if c := unlock("alice", alicePass, false); c != 200 {
		t.Errorf("owner unlock: %d, want 200", c)
	}
	f.api("GET", repo+"/locks", "reader", readerPass, nil).json(t, &lr)
	if len(lr.Locks) != 1 {
		t.Errorf("after unlocks: %+v", lr)
	}
	// Locks are per repository.
	f.api("GET", "/team/proj2/info/lfs/locks", "reader", readerPass, nil).json(t, &lr)
	if len(lr.Locks) != 1 || lr.Locks[0].Path != "x" {
		t.Errorf("proj2 locks: %+v", lr)
	}
}

func TestRoutingAndHealth(t *testing.T) {
	f := newFixture(t)
	if r := f.do("GET", "/healthz", "", "", nil); r.code != 200 {
		t.Errorf("healthz: %d", r.code)
	}
	c := []byte("root object")
	f.upload("", c)
	// The same object is visible through a namespaced URL, with and
	// without .git.
	for _, base := range []string{"/team/proj/info/lfs", "/team/proj.git/info/lfs"} {
		if _, br := f.batch(base, "alice", alicePass, "download", obj(c)); br.Objects[0].Actions["download"] == nil {
			t.Errorf("%s: no download action", base)
		}
	}
	for _, p := range []string{"/team/../etc/info/lfs/objects/batch", "/.x/y/info/lfs/objects/batch", "/nope", "/a/b/c/info/lfs/objects/batch"} {
		if r := f.api("POST", p, "admin", adminPass, map[string]any{"operation": "download", "objects": []any{}}); r.code != 404 {
			t.Errorf("%s: %d, want 404", p, r.code)
		}
	}
	if r := f.do("DELETE", repo+"/objects/batch", "admin", adminPass, nil); r.code != 405 {
		t.Errorf("DELETE batch: %d, want 405", r.code)
	}
}

func sha(b []byte) [32]byte { return sha256.Sum256(b) }

type fakeQuota struct {
	mu       sync.Mutex
	limit    int64
	checked  []lfsstore.Info
	stored   map[string]int64
	released []lfsstore.Info
	until    time.Time
}

func (q *fakeQuota) Reserve(_ context.Context, repo string, objs []lfsstore.Info, until time.Time) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	var need int64
	for _, o := range objs {
		need += o.Size
	}
	q.checked = append(q.checked, objs...)
	q.until = until
	if q.stored[repo]+need > q.limit {
		return fmt.Errorf("repository %q would use %d bytes, over its quota of %d", repo, q.stored[repo]+need, q.limit)
	}
	return nil
}

func (q *fakeQuota) Stored(_ context.Context, repo string, o lfsstore.Info) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.stored[repo] += o.Size
	return nil
}

func (q *fakeQuota) Release(_ context.Context, repo string, o lfsstore.Info) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.released = append(q.released, o)
	return nil
}

func TestQuotaHook(t *testing.T) {
	f := newFixture(t)
	q := &fakeQuota{limit: 1000, stored: map[string]int64{}}
	f.srv.cfg.Quota = q
	small := bytes.Repeat([]byte("a"), 600)
	f.upload(repo, small)
	if q.stored["team/proj"] != 600 || len(q.checked) != 1 || q.checked[0].Size != 600 {
		t.Fatalf("quota saw checked %v stored %v", q.checked, q.stored)
	}
	// Already-stored objects are not charged again at batch time.
	if r, _ := f.batch(repo, "alice", alicePass, "upload", obj(small)); r.code != 200 || len(q.checked) != 1 {
		t.Errorf("re-batch of a stored object: %d, checked %v", r.code, q.checked)
	}
	r, _ := f.batch(repo, "alice", alicePass, "upload", obj(bytes.Repeat([]byte("b"), 500)))
	var eb errorBody
	r.json(t, &eb)
	if r.code != 507 || !strings.Contains(eb.Message, "over its quota") {
		t.Errorf("over quota: %d %s; want 507 with the quota's message", r.code, r.body)
	}
	// Downloads are never refused by the quota.
	if r, _ := f.batch(repo, "alice", alicePass, "download", obj(small)); r.code != 200 {
		t.Errorf("download over quota: %d", r.code)
	}
	// A reservation lasts as long as the batch's upload links; an upload
	// refused for its content releases it.
	c := bytes.Repeat([]byte("c"), 100)
	_, br := f.batch(repo, "alice", alicePass, "upload", obj(c))
	if want := time.Unix(br.Objects[0].Actions["upload"].ExpiresAt.Unix(), 0); !q.until.Equal(want) {
		t.Errorf("reserved until %v, the upload link expires at %v", q.until, want)
	}
	resp, err := http.DefaultClient.Do(mustReq("PUT", br.Objects[0].Actions["upload"].Href, bytes.Repeat([]byte("d"), 100)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 422 || len(q.released) != 1 || q.released[0].OID != sha(c) {
		t.Errorf("corrupt upload: %d, released %v", resp.StatusCode, q.released)
	}
}

type touchStore struct {
	lfsstore.Store
	mu      sync.Mutex
	touched []lfsstore.OID
	fail    bool
}

func (s *touchStore) Touch(_ context.Context, oid lfsstore.OID) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.touched = append(s.touched, oid)
	if s.fail {
		return fmt.Errorf("disk on fire")
	}
	return nil
}

func TestUploadBatchTouchesStoredObjects(t *testing.T) {
	f := newFixture(t)
	ts := &touchStore{Store: f.store}
	f.srv.cfg.Store = ts
	c := []byte("kept alive")
	f.upload(repo, c)
	ts.touched = nil
	_, br := f.batch(repo, "alice", alicePass, "upload", obj(c))
	if br.Objects[0].Actions != nil || len(ts.touched) != 1 || ts.touched[0].String() != oidOf(c) {
		t.Errorf("stored object: actions %v, touched %v; want no actions and one Touch", br.Objects[0].Actions, ts.touched)
	}
	ts.fail = true
	if _, br := f.batch(repo, "alice", alicePass, "upload", obj(c)); br.Objects[0].Actions["upload"] == nil {
		t.Error("failed Touch: want the client to upload again")
	}
}

func TestVerify(t *testing.T) {
	f := newFixture(t)
	c := []byte("verify me")
	_, br := f.batch(repo, "alice", alicePass, "upload", obj(c))
	v := br.Objects[0].Actions["verify"].Href
	if r := f.api("POST", v, "", "", map[string]any{"oid": oidOf(c), "size": len(c)}); r.code != 404 {
		t.Errorf("verify before upload: %d, want 404", r.code)
	}
	f.do("PUT", br.Objects[0].Actions["upload"].Href, "", "", bytes.NewReader(c))
	if r := f.api("POST", v, "", "", map[string]any{"oid": oidOf(c), "size": len(c)}); r.code != 200 {
		t.Errorf("verify after upload: %d, want 200", r.code)
	}
	if r := f.api("POST", v, "", "", map[string]any{"oid": oidOf(c), "size": len(c) + 1}); r.code != 422 {
		t.Errorf("verify with the wrong size: %d, want 422", r.code)
	}
	if r := f.api("POST", v, "", "", map[string]any{"oid": oidOf([]byte("other")), "size": len(c)}); r.code != 422 {
		t.Errorf("verify body naming another oid: %d, want 422", r.code)
	}
}

func TestPublicURLBasePath(t *testing.T) {
	store, _ := lfsstore.NewLocal(t.TempDir())
	auth := NewAuth()
	auth.AddBootstrapAdmin("admin", "pw")
	u, _ := url.Parse("https://lfs.example.com/git/")
	srv, err := New(Config{Store: store, StateDir: t.TempDir(), Auth: auth, PublicURL: u})
	if err != nil {
		t.Fatal(err)
	}
	call := func(path string) *httptest.ResponseRecorder {
		body := `{"operation":"upload","objects":[{"oid":"` + oidOf(nil) + `","size":0}]}`
		req := httptest.NewRequest("POST", path, strings.NewReader(body))
		req.Header.Set("Content-Type", mediaType)
		req.SetBasicAuth("admin", "pw")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		return w
	}
	w := call("/git/ml/data.git/info/lfs/objects/batch")
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"href":"https://lfs.example.com/git/ml/data.git/info/lfs/objects/`+oidOf(nil)+`?`) {
		t.Errorf("under the base: %d %s", w.Code, w.Body)
	}
	if w := call("/git/objects/batch"); w.Code != 200 || !strings.Contains(w.Body.String(), `"href":"https://lfs.example.com/git/objects/`) {
		t.Errorf("root repository under the base: %d %s", w.Code, w.Body)
	}
	if w := call("/ml/data.git/info/lfs/objects/batch"); w.Code != 404 {
		t.Errorf("outside the base: %d, want 404", w.Code)
	}
}
