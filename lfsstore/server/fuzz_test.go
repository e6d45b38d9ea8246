package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/lfsstore"
)

func FuzzParseAuth(f *testing.F) {
	f.Add([]byte(testAuthYAML))
	f.Add([]byte("anonymous_read: [\"*\"]\n"))
	f.Add([]byte("users:\n  - name: a\n    password: x\n"))
	f.Add([]byte("users: {}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := ParseAuth(b)
		if err != nil {
			return
		}
		a.AccessFor("", "ns/repo")
		a.AccessFor("alice", "")
	})
}

// FuzzBatch feeds arbitrary bodies to the batch endpoint: it must never
// panic, must answer with a status from the spec and a JSON body, and
// must never hand out actions for an invalid object.
func FuzzBatch(f *testing.F) {
	f.Add(`{"operation":"upload","objects":[{"oid":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","size":0}]}`)
	f.Add(`{"operation":"download","objects":[{"oid":"x","size":-1}],"hash_algo":"md5","ref":null}`)
	f.Add(`{"operation":"upload","objects":[{"oid":1e3,"size":"1"}],"transfers":["tus"]}`)
	f.Add(`[]`)
	store, err := lfsstore.NewLocal(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	auth := NewAuth()
	auth.AddBootstrapAdmin("admin", "pw")
	u, _ := url.Parse("http://127.0.0.1:1")
	srv, err := New(Config{Store: store, StateDir: f.TempDir(), Auth: auth, PublicURL: u})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/ns/repo.git/info/lfs/objects/batch", strings.NewReader(body))
		req.Header.Set("Content-Type", mediaType)
		req.SetBasicAuth("admin", "pw")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		switch w.Code {
		case http.StatusOK:
			var br batchResponse
			if err := json.Unmarshal(w.Body.Bytes(), &br); err != nil {
				t.Fatalf("200 with a non-JSON body: %v", err)
			}
			for _, o := range br.Objects {
				if _, err := lfsstore.ParseOID(o.OID); (err != nil || o.Size < 0) && o.Actions != nil {
					t.Fatalf("actions for invalid object %q size %d", o.OID, o.Size)
				}
				// The store stays empty, so every object needs an
				// action or an error (only stored uploads get neither).
				if o.Actions == nil && o.Error == nil {
					t.Fatalf("object %q has neither actions nor error", o.OID)
				}
			}
		case http.StatusUnprocessableEntity, http.StatusRequestEntityTooLarge:
			var eb errorBody
			if err := json.Unmarshal(w.Body.Bytes(), &eb); err != nil || eb.Message == "" {
				t.Fatalf("%d with a bad error body %q", w.Code, w.Body.String())
			}
		default:
			t.Fatalf("unexpected status %d: %s", w.Code, w.Body.String())
		}
	})
}
