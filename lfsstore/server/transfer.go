package server

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/git-repro/git-repro/lfsstore"
)

// Operations a signed href may authorise.
const (
	opUpload   = "upload"
	opDownload = "download"
	opVerify   = "verify"
)

// sign returns the query parameters that make an href self-authenticating:
// the size, the expiry (Unix seconds) and an HMAC-SHA256 over the
// operation, repository, oid, size and expiry.
func (s *Server) sign(op, repo string, oid lfsstore.OID, size, exp int64) url.Values {
	v := url.Values{}
	v.Set("size", strconv.FormatInt(size, 10))
	v.Set("exp", strconv.FormatInt(exp, 10))
	v.Set("sig", hex.EncodeToString(s.mac(op, repo, oid, size, exp)))
	return v
}

func (s *Server) mac(op, repo string, oid lfsstore.OID, size, exp int64) []byte {
	m := hmac.New(sha256.New, s.key)
	io.WriteString(m, op+"\n"+repo+"\n"+oid.String()+"\n"+strconv.FormatInt(size, 10)+"\n"+strconv.FormatInt(exp, 10))
	return m.Sum(nil)
}

// transferAuth authorises a transfer request, either by its signed query
// (from a batch reply) or, without one, by Basic credentials with need.
// It returns the size the request is bound to (-1 if unbound).
func (s *Server) transferAuth(w http.ResponseWriter, r *http.Request, op string, oid lfsstore.OID, need Access) (int64, bool) {
	q := r.URL.Query()
	if !q.Has("sig") {
		if !s.authorize(w, r, need) {
			return 0, false
		}
		return -1, true
	}
	size, err1 := strconv.ParseInt(q.Get("size"), 10, 64)
	exp, err2 := strconv.ParseInt(q.Get("exp"), 10, 64)
	sig, err3 := hex.DecodeString(q.Get("sig"))
	if err1 != nil || err2 != nil || err3 != nil || size < 0 ||
		!hmac.Equal(sig, s.mac(op, reqOf(r).repo, oid, size, exp)) {
		s.errorf(w, r, http.StatusForbidden, "invalid signed URL for %s of object %s: request a new one with the batch API", op, oid)
		return 0, false
	}
	if now := s.cfg.Now(); now.Unix() >= exp {
		s.errorf(w, r, http.StatusForbidden, "signed URL expired at %s: request a new one with the batch API", time.Unix(exp, 0).UTC().Format(time.RFC3339))
		return 0, false
	}
	return size, true
}

func (s *Server) pathOID(w http.ResponseWriter, r *http.Request) (lfsstore.OID, bool) {
	_, rest, _ := cutLast(r.URL.Path, "/objects/")
	if i := len(rest) - len("/verify"); i > 0 && rest[i:] == "/verify" {
		rest = rest[:i]
	}
	oid, err := lfsstore.ParseOID(rest)
	if err != nil {
		s.errorf(w, r, http.StatusUnprocessableEntity, "%v", err)
		return oid, false
	}
	return oid, true
}

func cutLast(s, sep string) (string, string, bool) {
	for i := len(s) - len(sep); i >= 0; i-- {
		if s[i:i+len(sep)] == sep {
			return s[:i], s[i+len(sep):], true
		}
	}
	return s, "", false
}

func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) {
	oid, ok := s.pathOID(w, r)
	if !ok {
		return
	}
	size, ok := s.transferAuth(w, r, opUpload, oid, WriteAccess)
	if !ok {
		return
	}
	if size < 0 {
		if r.ContentLength < 0 {
			s.errorf(w, r, http.StatusLengthRequired, "upload needs a Content-Length")
			return
		}
		size = r.ContentLength
	}
	if r.ContentLength >= 0 && r.ContentLength != size {
		s.errorf(w, r, http.StatusUnprocessableEntity, "Content-Length %d does not match the object's size %d", r.ContentLength, size)
		return
	}
	err := s.cfg.Store.Put(r.Context(), oid, size, r.Body)
	info := lfsstore.Info{OID: oid, Size: size}
	switch {
	case err == nil:
		if s.cfg.Quota != nil {
			if err := s.cfg.Quota.Stored(r.Context(), reqOf(r).repo, info); err != nil {
				s.log.Error("quota ledger not updated", "request_id", reqOf(r).id, "oid", oid.String(), "err", err)
				s.errorf(w, r, http.StatusInternalServerError, "object stored, but its quota record failed; retry the upload")
				return
			}
		}
		w.WriteHeader(http.StatusOK)
	case errors.Is(err, lfsstore.ErrHashMismatch), errors.Is(err, lfsstore.ErrSizeMismatch):
		if s.cfg.Quota != nil {
			if err := s.cfg.Quota.Release(r.Context(), reqOf(r).repo, info); err != nil {
				s.log.Error("quota reservation not released", "request_id", reqOf(r).id, "oid", oid.String(), "err", err)
			}
		}
		s.errorf(w, r, http.StatusUnprocessableEntity, "upload refused, nothing stored: %v", err)
	case errors.Is(err, errTooSlow) || cutOff(r):
		s.log.Warn("upload too slow", "request_id", reqOf(r).id, "oid", oid.String(), "remote", r.RemoteAddr)
		s.errorf(w, r, http.StatusRequestTimeout, "upload too slow, nothing stored: send at least %d bytes every %v", s.cfg.Limits.quota(), s.cfg.Limits.Window)
	case r.Context().Err() != nil:
		s.errorf(w, r, http.StatusBadRequest, "upload interrupted, nothing stored: %v", err)
	case errors.Is(err, lfsstore.ErrStoreChanged):
		// The chunked store's gc removed what the upload reused: the
		// client's retry uploads it whole. git-lfs retries 503.
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		s.errorf(w, r, http.StatusServiceUnavailable, "nothing stored: %v", err)
	default:
		s.log.Error("put failed", "request_id", reqOf(r).id, "oid", oid.String(), "err", err)
		s.errorf(w, r, http.StatusInternalServerError, "storage error, nothing stored; retry later")
	}
}

// fileObject lets the download path hand the kernel an *os.File
// (sendfile) when the store has one.
type fileObject interface{ OSFile() *os.File }

func (s *Server) handleDownload(w http.ResponseWriter, r *http.Request) {
	oid, ok := s.pathOID(w, r)
	if !ok {
		return
	}
	if _, ok := s.transferAuth(w, r, opDownload, oid, ReadAccess); !ok {
		return
	}
	obj, err := s.cfg.Store.Open(r.Context(), oid)
	if errors.Is(err, fs.ErrNotExist) {
		s.errorf(w, r, http.StatusNotFound, "object %s not found", oid)
		return
	}
	if err != nil {
		s.log.Error("open failed", "request_id", reqOf(r).id, "oid", oid.String(), "err", err)
		s.errorf(w, r, http.StatusInternalServerError, "storage error; retry later")
		return
	}
	defer obj.Close()
	var content io.ReadSeeker = obj
	if f, ok := obj.(fileObject); ok {
		content = f.OSFile()
	}
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("ETag", `"`+oid.String()+`"`)
	h.Set("Cache-Control", "private, max-age=31536000, immutable")
	// ServeContent answers Range (206 with Content-Range start-end/total,
	// 416 when unsatisfiable) and If-Range against the ETag.
	http.ServeContent(w, r, "", time.Time{}, content)
}

func (s *Server) handleVerify(w http.ResponseWriter, r *http.Request) {
	oid, ok := s.pathOID(w, r)
	if !ok {
		return
	}
	if _, ok := s.transferAuth(w, r, opVerify, oid, WriteAccess); !ok {
		return
	}
	var req verifyRequest
	if !s.decodeJSON(w, r, 4096, &req) {
		return
	}
	if req.OID != oid.String() {
		s.errorf(w, r, http.StatusUnprocessableEntity, "verify body oid %q does not match the URL's %q", req.OID, oid)
		return
	}
	size, err := s.cfg.Store.Stat(r.Context(), oid)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		s.errorf(w, r, http.StatusNotFound, "object %s is not stored: upload it again", oid)
	case err != nil:
		s.log.Error("stat failed", "request_id", reqOf(r).id, "oid", oid.String(), "err", err)
		s.errorf(w, r, http.StatusInternalServerError, "storage error; retry later")
	case size != req.Size:
		s.errorf(w, r, http.StatusUnprocessableEntity, "object %s is stored with size %d, not %d", oid, size, req.Size)
	default:
		s.writeJSON(w, http.StatusOK, struct{}{})
	}
}
