package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"sync"

	"github.com/git-repro/git-repro/lfsstore"
)

// maxBatchObjects is the largest batch accepted; the git-lfs client sends
// at most 100 objects per request.
const maxBatchObjects = 100

// checkMediaType accepts the Git LFS media type (with parameters such as
// "; charset=utf-8") and plain JSON.
func (s *Server) checkMediaType(w http.ResponseWriter, r *http.Request) bool {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil && (mt == mediaType || mt == "application/json") {
		return true
	}
	s.errorf(w, r, http.StatusUnsupportedMediaType, "unsupported Content-Type %q: send %q", ct, mediaType)
	return false
}

func (s *Server) handleBatch(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r, ReadAccess) || !s.checkMediaType(w, r) {
		return
	}
	var req batchRequest
	if !s.decodeJSON(w, r, 1<<20, &req) {
		return
	}
	switch req.Operation {
	case "download":
	case "upload":
		if !s.authorize(w, r, WriteAccess) {
			return
		}
	default:
		s.errorf(w, r, http.StatusUnprocessableEntity, "invalid operation %q: want \"upload\" or \"download\"", req.Operation)
		return
	}
	if len(req.Objects) > maxBatchObjects {
		s.errorf(w, r, http.StatusRequestEntityTooLarge, "batch of %d objects is too large: send at most %d per request", len(req.Objects), maxBatchObjects)
		return
	}
	if len(req.Transfers) > 0 && !slices.Contains(req.Transfers, "basic") {
		s.errorf(w, r, http.StatusUnprocessableEntity, "no supported transfer adapter in %q: this server speaks \"basic\"", req.Transfers)
		return
	}
	hashOK := req.HashAlgo == "" || req.HashAlgo == "sha256"

	resp := batchResponse{Transfer: "basic", HashAlgo: "sha256", Objects: make([]batchObject, len(req.Objects))}
	oids := make([]lfsstore.OID, len(req.Objects))
	valid := make([]bool, len(req.Objects))
	for i, p := range req.Objects {
		o := &resp.Objects[i]
		oidStr, oid, size, err := parsePointer(p)
		o.OID, o.Size = oidStr, size
		switch {
		case err != nil:
			o.Error = &objectError{Code: http.StatusUnprocessableEntity, Message: err.Error()}
			// The response schema requires size >= 0; the message
			// carries the size the client sent.
			o.Size = max(o.Size, 0)
		case !hashOK:
			o.Error = &objectError{Code: http.StatusConflict, Message: fmt.Sprintf("unsupported hash_algo %q: this server uses \"sha256\"", req.HashAlgo)}
		default:
			oids[i], valid[i] = oid, true
		}
	}

	stored := s.statAll(r, oids, valid)
	var toUpload []lfsstore.Info
	for i := range resp.Objects {
		if !valid[i] {
			continue
		}
		o, st := &resp.Objects[i], stored[i]
		switch {
		case st.err != nil && !errors.Is(st.err, fs.ErrNotExist):
			s.log.Error("stat failed", "request_id", reqOf(r).id, "oid", o.OID, "err", st.err)
			o.Error = &objectError{Code: http.StatusInternalServerError, Message: "storage error; retry later"}
			valid[i] = false
		case st.err == nil && st.size != o.Size:
			o.Error = &objectError{Code: http.StatusUnprocessableEntity, Message: fmt.Sprintf("size %d does not match the stored object's size %d: check the pointer", o.Size, st.size)}
			valid[i] = false
		case req.Operation == "download" && st.err != nil:
			o.Error = &objectError{Code: http.StatusNotFound, Message: "object not found"}
			valid[i] = false
		case req.Operation == "upload" && st.err == nil && s.touch(r, oids[i]):
			valid[i] = false // already stored: no actions
		case req.Operation == "upload":
			toUpload = append(toUpload, lfsstore.Info{OID: oids[i], Size: o.Size})
		}
	}
	base := s.hrefBase(r)
	now := s.cfg.Now()
	exp := now.Add(s.cfg.HrefTTL).Truncate(1e9)
	if len(toUpload) > 0 && s.cfg.Quota != nil {
		if err := s.cfg.Quota.Reserve(r.Context(), reqOf(r).repo, toUpload, exp); err != nil {
			s.errorf(w, r, http.StatusInsufficientStorage, "%v", err)
			return
		}
	}
	for i := range resp.Objects {
		if !valid[i] {
			continue
		}
		o := &resp.Objects[i]
		o.Authenticated = true
		mk := func(op, suffix string) *action {
			return &action{
				Href:      base + "/objects/" + o.OID + suffix + "?" + s.sign(op, reqOf(r).repo, oids[i], o.Size, exp.Unix()).Encode(),
				ExpiresIn: int64(exp.Sub(now).Seconds()),
				ExpiresAt: exp.UTC(),
			}
		}
		if req.Operation == "upload" {
			o.Actions = map[string]*action{"upload": mk(opUpload, ""), "verify": mk(opVerify, "/verify")}
		} else {
			o.Actions = map[string]*action{"download": mk(opDownload, "")}
		}
	}
	s.writeJSON(w, http.StatusOK, resp)
}

// parsePointer validates one batch object. It returns the oid as the
// client sent it (for the reply), the parsed oid and the size.
func parsePointer(p batchPointer) (string, lfsstore.OID, int64, error) {
	var oidStr string
	if err := json.Unmarshal(p.OID, &oidStr); err != nil {
		return string(bytes.Trim(p.OID, `"`)), lfsstore.OID{}, 0, fmt.Errorf("invalid oid %s: want a string of 64 lowercase hex characters", p.OID)
	}
	oid, err := lfsstore.ParseOID(oidStr)
	var size int64
	sizeStr := string(p.Size)
	n, serr := strconv.ParseInt(sizeStr, 10, 64)
	if serr == nil {
		size = n
	}
	if err != nil {
		return oidStr, oid, size, err
	}
	if serr != nil {
		return oidStr, oid, 0, fmt.Errorf("invalid size %s: want a non-negative integer", orMissing(sizeStr))
	}
	if size < 0 {
		return oidStr, oid, size, fmt.Errorf("invalid size %d: want a non-negative integer", size)
	}
	return oidStr, oid, size, nil
}

func orMissing(s string) string {
	if s == "" {
		return "(missing)"
	}
	return s
}

// Toucher is an optional Store capability: refreshing a stored object's
// age so that garbage collection's grace period protects an object a push
// is about to reference again (lfsstore/chunked implements it).
type Toucher interface {
	Touch(ctx context.Context, oid lfsstore.OID) error
}

// touch refreshes a stored object before the server tells a client not to
// upload it. If that fails, the client uploads it again instead.
func (s *Server) touch(r *http.Request, oid lfsstore.OID) bool {
	t, ok := s.cfg.Store.(Toucher)
	if !ok {
		return true
	}
	if err := t.Touch(r.Context(), oid); err != nil {
		s.log.Warn("touch failed; asking for a re-upload", "request_id", reqOf(r).id, "oid", oid.String(), "err", err)
		return false
	}
	return true
}

type statResult struct {
	size int64
	err  error
}

// statAll stats the valid oids, a few at a time (remote stores answer
// each with a round trip).
func (s *Server) statAll(r *http.Request, oids []lfsstore.OID, valid []bool) []statResult {
	out := make([]statResult, len(oids))
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for i := range oids {
		if !valid[i] {
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer func() { <-sem; wg.Done() }()
			size, err := s.cfg.Store.Stat(r.Context(), oids[i])
			out[i] = statResult{size, err}
		}(i)
	}
	wg.Wait()
	return out
}
