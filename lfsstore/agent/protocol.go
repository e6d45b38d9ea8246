package agent

// Wire messages of git-lfs's custom transfer protocol.

// request is any message git-lfs sends.
type request struct {
	Event               string  `json:"event"`
	Operation           string  `json:"operation,omitempty"` // init: "upload" or "download"
	Remote              string  `json:"remote,omitempty"`
	Concurrent          bool    `json:"concurrent,omitempty"`
	ConcurrentTransfers int     `json:"concurrenttransfers,omitempty"`
	OID                 string  `json:"oid,omitempty"`
	Size                int64   `json:"size,omitempty"`
	Path                string  `json:"path,omitempty"`   // upload: the file to send
	Action              *action `json:"action,omitempty"` // null in standalone mode
}

type action struct {
	Href   string            `json:"href"`
	Header map[string]string `json:"header,omitempty"`
}

// Error is the error object of init and complete replies.
type Error struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

type initReply struct {
	Error *Error `json:"error,omitempty"`
}

type progress struct {
	Event          string `json:"event"` // "progress"
	OID            string `json:"oid"`
	BytesSoFar     int64  `json:"bytesSoFar"`
	BytesSinceLast int64  `json:"bytesSinceLast"`
}

type complete struct {
	Event string `json:"event"` // "complete"
	OID   string `json:"oid"`
	Path  string `json:"path,omitempty"` // download: a file git-lfs moves into place
	Error *Error `json:"error,omitempty"`
}
