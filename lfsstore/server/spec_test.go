package server

import (
	"testing"
	"time"
)

// The key sets of git-lfs's JSON schemas (docs/api/schemas/http-batch-
// response-schema.json, locking/schemas/*), plus expires_in and hash_algo,
// which batch.md documents. Responses may carry nothing else.
var (
	batchKeys  = set("transfer", "objects", "hash_algo", "message", "request_id", "documentation_url")
	objectKeys = set("oid", "size", "authenticated", "actions", "error")
	actionKeys = set("href", "header", "expires_in", "expires_at")
	errorKeys  = set("code", "message")
	lockKeys   = set("id", "path", "locked_at", "owner")
)

func set(keys ...string) map[string]bool {
	m := map[string]bool{}
	for _, k := range keys {
		m[k] = true
	}
	return m
}

func checkKeys(t *testing.T, what string, v any, allowed map[string]bool, required ...string) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s is %T, want an object", what, v)
	}
	for k := range m {
		if !allowed[k] {
			t.Errorf("%s has key %q, not in the spec", what, k)
		}
	}
	for _, k := range required {
		if _, ok := m[k]; !ok {
			t.Errorf("%s lacks required key %q", what, k)
		}
	}
	return m
}

func TestBatchResponseMatchesSchema(t *testing.T) {
	f := newFixture(t)
	stored := []byte("stored")
	f.upload(repo, stored)
	for _, op := range []string{"upload", "download"} {
		r, _ := f.batch(repo, "alice", alicePass, op,
			obj(stored), obj([]byte("new")), map[string]any{"oid": "bad", "size": -5}, map[string]any{"oid": oidOf(stored), "size": -1})
		if r.code != 200 || r.hdr.Get("Content-Type") != mediaType {
			t.Fatalf("%s: %d %q", op, r.code, r.hdr.Get("Content-Type"))
		}
		var doc any
		r.json(t, &doc)
		top := checkKeys(t, op+" response", doc, batchKeys, "objects")
		for i, o := range top["objects"].([]any) {
			om := checkKeys(t, op+" object", o, objectKeys, "oid", "size")
			if _, ok := om["oid"].(string); !ok {
				t.Errorf("%s object %d: oid is not a string", op, i)
			}
			if size, ok := om["size"].(float64); !ok || size < 0 {
				t.Errorf("%s object %d: size %v, want a number >= 0", op, i, om["size"])
			}
			if e, ok := om["error"]; ok {
				em := checkKeys(t, op+" error", e, errorKeys, "code", "message")
				if _, ok := em["code"].(float64); !ok {
					t.Errorf("%s object %d: error code %v is not a number", op, i, em["code"])
				}
			}
			if acts, ok := om["actions"].(map[string]any); ok {
				for name, a := range acts {
					if name != "upload" && name != "download" && name != "verify" {
						t.Errorf("%s object %d: action %q not in the spec", op, i, name)
					}
					am := checkKeys(t, op+" action", a, actionKeys, "href")
					if _, err := time.Parse(time.RFC3339, am["expires_at"].(string)); err != nil {
						t.Errorf("expires_at %q is not RFC 3339: %v", am["expires_at"], err)
					}
				}
			}
		}
	}
}

func TestLockResponsesMatchSchema(t *testing.T) {
	f := newFixture(t)
	r := f.api("POST", repo+"/locks", "alice", alicePass, map[string]any{"path": "m.bin"})
	var doc map[string]any
	r.json(t, &doc)
	checkKeys(t, "create response", doc, set("lock", "message", "request_id", "documentation_url"), "lock")
	lk := checkKeys(t, "lock", doc["lock"], lockKeys, "id", "path", "locked_at")
	if _, err := time.Parse(time.RFC3339, lk["locked_at"].(string)); err != nil {
		t.Errorf("locked_at: %v", err)
	}
	checkKeys(t, "owner", lk["owner"], set("name"), "name")

	r = f.api("GET", repo+"/locks", "alice", alicePass, nil)
	doc = nil
	r.json(t, &doc)
	checkKeys(t, "list response", doc, set("locks", "next_cursor"), "locks")

	r = f.api("POST", repo+"/locks/verify", "alice", alicePass, map[string]any{})
	doc = nil
	r.json(t, &doc)
	checkKeys(t, "verify response", doc, set("ours", "theirs", "next_cursor"), "ours", "theirs")

	r = f.api("POST", repo+"/locks/"+lk["id"].(string)+"/unlock", "alice", alicePass, map[string]any{"force": false})
	doc = nil
	r.json(t, &doc)
	checkKeys(t, "unlock response", doc, set("lock", "message", "request_id", "documentation_url"), "lock")
}
