package action

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/google/go-github/v93/github"
)

// markerPrefix starts the hidden marker of our comments. Versions before
// the JSON metadata wrote "<!-- git-repro:report -->"; those are ours too.
const markerPrefix = "<!-- git-repro:report"

// DefaultKey is the report key when the workflow has one report per PR.
const DefaultKey = "default"

// Marker is the JSON metadata hidden in a sticky comment.
type Marker struct {
	// Key tells apart reports of several jobs or directories on one PR.
	Key string `json:"key"`
	// Version is the git-repro version that wrote the comment.
	Version string `json:"version"`
	// Head is the commit reported on; HeadTime its committer time (Unix
	// seconds), to order reports whose heads are not related.
	Head     string `json:"head"`
	HeadTime int64  `json:"head_time,omitempty"`
	// Digest identifies the report's content, run links excluded: the
	// same digest means an edit would change nothing a reader sees.
	Digest string `json:"digest"`
	// Counts, for tools that read comments.
	New       int `json:"new"`
	Fixed     int `json:"fixed"`
	Unchanged int `json:"unchanged"`
	Score     int `json:"score"`
}

// String renders the marker line: "<!-- git-repro:report {...} -->". The
// JSON escapes "<" and ">", so it cannot end the HTML comment early.
func (m Marker) String() string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(m)
	return markerPrefix + " " + strings.TrimSpace(b.String()) + " -->"
}

// ParseMarker finds our marker in a comment body. ok is false when the
// body has none. A marker without readable JSON (an older version) is
// ours, with the default key and no metadata.
func ParseMarker(body string) (m Marker, ok bool) {
	i := strings.Index(body, markerPrefix)
	if i < 0 {
		return Marker{}, false
	}
	rest := body[i+len(markerPrefix):]
	// The prefix must end there: "<!-- git-repro:reports" is not ours.
	if rest == "" || (rest[0] != ' ' && rest[0] != '-' && rest[0] != '\n') {
		return Marker{}, false
	}
	end := strings.Index(rest, "-->")
	if end < 0 {
		return Marker{}, false
	}
	inner := strings.TrimSpace(rest[:end])
	if inner != "" {
		if err := json.Unmarshal([]byte(inner), &m); err != nil {
			m = Marker{}
		}
	}
	if m.Key == "" {
		m.Key = DefaultKey
	}
	return m, true
}

// Comment modes (the action's comment input).
const (
	ModeUpdate   = "update"   // edit the comment in place
	ModeRecreate = "recreate" // delete ours and post anew at the bottom
	ModeOff      = "off"
)

// Target is a pull request.
type Target struct {
	Owner, Repo string
	Number      int
}

// Outcomes of Upsert.
const (
	Created   = "created"
	Updated   = "updated"
	Recreated = "recreated"
	Unchanged = "unchanged"
	// SkippedNewer: the existing comment reports a newer head.
	SkippedNewer = "skipped-newer"
)

// UpsertResult says what Upsert did.
type UpsertResult struct {
	Action  string
	URL     string // the comment's html_url
	ID      int64
	Deleted int // duplicates removed
	Writes  int // POST/PATCH/DELETE requests made
}

// Ancestry answers "is commit a an ancestor of b"; known is false when
// it cannot tell (a commit is not in the local clone).
type Ancestry func(a, b string) (isAncestor, known bool)

// olderThan reports whether our report (m) is older than the existing
// one: their head descends from ours, or, unrelated (a force-push), their
// head commit is more recent.
func olderThan(m, existing Marker, anc Ancestry) bool {
	if existing.Head == "" || existing.Head == m.Head {
		return false
	}
	if anc != nil {
		if is, known := anc(m.Head, existing.Head); known {
			return is
		}
	}
	return existing.HeadTime > m.HeadTime
}

// Upsert makes the pull request carry exactly one comment with body for
// the marker's key: it reads every page of comments, takes those with our
// marker and key written by our own login, edits the first (unless the
// content is the same, or it reports a newer head) and deletes the rest.
// Writes go one at a time.
func Upsert(ctx context.Context, c *Client, t Target, m Marker, body, mode string, anc Ancestry) (UpsertResult, error) {
	var res UpsertResult
	if _, err := c.Login(ctx); err != nil {
		return res, err
	}
	comments, err := c.Comments(ctx, t.Owner, t.Repo, t.Number)
	if err != nil {
		return res, err
	}
	var ours []*github.IssueComment
	var metas []Marker
	for _, cm := range comments {
		mk, ok := ParseMarker(cm.GetBody())
		if !ok || mk.Key != m.Key || !c.IsOurs(cm.GetUser().GetLogin()) {
			continue
		}
		ours = append(ours, cm)
		metas = append(metas, mk)
	}
	create := func() error {
		cm, err := c.CreateComment(ctx, t.Owner, t.Repo, t.Number, body)
		if err != nil {
			return err
		}
		res.Writes++
		res.URL, res.ID = cm.GetHTMLURL(), cm.GetID()
		return nil
	}
	deleteAll := func(cs []*github.IssueComment) error {
		for _, cm := range cs {
			if err := c.DeleteComment(ctx, t.Owner, t.Repo, cm.GetID()); err != nil {
				return err
			}
			res.Writes++
			res.Deleted++
		}
		return nil
	}
	if len(ours) == 0 {
		res.Action = Created
		return res, create()
	}
	first, existing := ours[0], metas[0]
	res.URL, res.ID = first.GetHTMLURL(), first.GetID()
	for _, mk := range metas {
		if olderThan(m, mk, anc) {
			// A run for a newer commit got there first: leave its report
			// (and the duplicates: its next run cleans them).
			res.Action = SkippedNewer
			return res, nil
		}
	}
	same := first.GetBody() == body || (existing.Digest != "" && existing.Digest == m.Digest && existing.Head == m.Head && existing.Version == m.Version)
	switch mode {
	case ModeRecreate:
		last := comments[len(comments)-1]
		if same && len(ours) == 1 && last.GetID() == first.GetID() {
			res.Action = Unchanged
			return res, nil
		}
		if err := deleteAll(ours); err != nil {
			return res, err
		}
		res.Deleted = len(ours) - 1 // the recreated one is not a duplicate
		res.Action = Recreated
		return res, create()
	default:
		res.Action = Unchanged
		if !same {
			cm, err := c.UpdateComment(ctx, t.Owner, t.Repo, first.GetID(), body)
			if err != nil {
				return res, err
			}
			res.Writes++
			res.Action = Updated
			if cm.GetHTMLURL() != "" {
				res.URL = cm.GetHTMLURL()
			}
		}
		return res, deleteAll(ours[1:])
	}
}

// String describes the result for the log.
func (r UpsertResult) String() string {
	s := fmt.Sprintf("comment %s", r.Action)
	if r.URL != "" {
		s += ": " + r.URL
	}
	if r.Deleted > 0 {
		s += fmt.Sprintf(" (%d duplicate(s) removed)", r.Deleted)
	}
	return s
}
