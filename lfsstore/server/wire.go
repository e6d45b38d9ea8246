package server

import (
	"encoding/json"
	"time"
)

// mediaType is the Git LFS media type for API requests and replies.
const mediaType = "application/vnd.git-lfs+json"

// Batch API (docs/api/batch.md).

type batchRequest struct {
	Operation string         `json:"operation"`
	Transfers []string       `json:"transfers,omitempty"`
	Ref       *refSpec       `json:"ref,omitempty"`
	Objects   []batchPointer `json:"objects"`
	HashAlgo  string         `json:"hash_algo,omitempty"`
}

type refSpec struct {
	Name string `json:"name,omitempty"`
}

// batchPointer keeps oid and size loosely typed so that one bad object
// gets a per-object error instead of failing the whole batch.
type batchPointer struct {
	OID  json.RawMessage `json:"oid"`
	Size json.RawMessage `json:"size"`
}

type batchResponse struct {
	Transfer string        `json:"transfer,omitempty"`
	Objects  []batchObject `json:"objects"`
	HashAlgo string        `json:"hash_algo,omitempty"`
}

type batchObject struct {
	OID           string             `json:"oid"`
	Size          int64              `json:"size"`
	Authenticated bool               `json:"authenticated,omitempty"`
	Actions       map[string]*action `json:"actions,omitempty"`
	Error         *objectError       `json:"error,omitempty"`
}

type action struct {
	Href      string            `json:"href"`
	Header    map[string]string `json:"header,omitempty"`
	ExpiresIn int64             `json:"expires_in"`
	ExpiresAt time.Time         `json:"expires_at"`
}

type objectError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// errorBody is the body of every whole-request error.
type errorBody struct {
	Message          string `json:"message"`
	RequestID        string `json:"request_id,omitempty"`
	DocumentationURL string `json:"documentation_url,omitempty"`
}

// verifyRequest is the body of a verify action (basic-transfers.md).
type verifyRequest struct {
	OID  string `json:"oid"`
	Size int64  `json:"size"`
}

// Locks API (docs/api/locking.md).

type lock struct {
	ID       string     `json:"id"`
	Path     string     `json:"path"`
	LockedAt time.Time  `json:"locked_at"`
	Owner    *lockOwner `json:"owner,omitempty"`
}

type lockOwner struct {
	Name string `json:"name"`
}

type createLockRequest struct {
	Path string   `json:"path"`
	Ref  *refSpec `json:"ref,omitempty"`
}

type lockResponse struct {
	Lock    *lock  `json:"lock,omitempty"`
	Message string `json:"message,omitempty"`
}

type listLocksResponse struct {
	Locks      []lock `json:"locks"`
	NextCursor string `json:"next_cursor,omitempty"`
}

type verifyLocksRequest struct {
	Cursor string   `json:"cursor,omitempty"`
	Limit  int      `json:"limit,omitempty"`
	Ref    *refSpec `json:"ref,omitempty"`
}

type verifyLocksResponse struct {
	Ours       []lock `json:"ours"`
	Theirs     []lock `json:"theirs"`
	NextCursor string `json:"next_cursor,omitempty"`
}

type unlockRequest struct {
	Force bool     `json:"force,omitempty"`
	Ref   *refSpec `json:"ref,omitempty"`
}
