package modelcard

import (
	"strings"

	"github.com/git-repro/git-repro/internal/lazyre"
)

// Heading is one Markdown heading.
type Heading struct {
	Level int    // 1..6
	Text  string // the heading text, trimmed, without the #s
	Line  int    // 1-based line of the heading text
}

// Section is a heading and everything up to the next heading of the same or
// a higher level, so a section includes its subsections.
type Section struct {
	Heading
	// End is the last line (inclusive) of the section.
	End int
	// Body is the section's text without HTML comments and without the
	// lines of its subsections' headings (their text is kept). Fenced code
	// is kept.
	Body string
}

// Placeholder is an unfilled template field such as "[More Information Needed]".
type Placeholder struct {
	Line, Col int
	Text      string
}

// Doc is a parsed Markdown document.
type Doc struct {
	// Lines are the document's lines without line terminators.
	Lines []string
	// FrontMatter is the YAML block between "---" lines at the very top,
	// nil when the document has none.
	FrontMatter *FrontMatter
	// Sections in document order.
	Sections []Section
	// Placeholders found outside code blocks and HTML comments.
	Placeholders []Placeholder
}

var (
	atxRe       = lazyre.New(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$`)
	atxCloseRe  = lazyre.New(`(?:^|[ \t]+)#+[ \t]*$`)
	setextEqRe  = lazyre.New(`^ {0,3}=+[ \t]*$`)
	setextDashR = lazyre.New(`^ {0,3}-+[ \t]*$`)
	listItemRe  = lazyre.New(`^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)`)
	// placeholderRe matches the Hugging Face template's unfilled marker
	// and the bare phrase the transformers Trainer writes.
	placeholderRe = lazyre.New(`(?i)\[more information needed\]|\bmore information needed\b`)
)

// Parse splits a Markdown document into front matter, sections and
// placeholders. It never fails: problems with the front matter are
// recorded in FrontMatter.Err.
func Parse(src []byte) *Doc {
	text := strings.TrimPrefix(string(src), "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.Split(text, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	d := &Doc{Lines: lines}
	start := 0
	if fm, next := parseFrontMatter(lines); fm != nil {
		d.FrontMatter = fm
		start = next
	}

	type hd struct {
		Heading
		bodyStart int // 0-based index of the first body line
		first     int // 0-based index of the first line the heading occupies
	}
	var heads []hd
	// clean[i] is line i without HTML comments; blank for fenced code
	// delimiters. isHead[i] marks heading lines (text and underline).
	clean := make([]string, len(lines))
	isHead := make([]bool, len(lines))
	var fence string // the opening fence run while inside a fenced block
	inComment := false
	prevPara := false // the previous line can be the text of a setext heading
	for i := start; i < len(lines); i++ {
		raw := lines[i]
		if fence != "" {
			clean[i] = raw
			if t := strings.TrimSpace(raw); strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
				fence = ""
				clean[i] = ""
			}
			prevPara = false
			continue
		}
		var line string
		line, inComment = stripComments(raw, inComment)
		clean[i] = line
		if inComment && strings.TrimSpace(line) == "" {
			prevPara = false
			continue
		}
		t := strings.TrimLeft(line, " ")
		if len(line)-len(t) <= 3 && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")) {
			ch := t[:1]
			n := len(t) - len(strings.TrimLeft(t, ch))
			if ch != "`" || !strings.Contains(t[n:], "`") {
				fence = strings.Repeat(ch, n)
				clean[i] = ""
				prevPara = false
				continue
			}
		}
		if m := atxRe().FindStringSubmatch(line); m != nil {
			title := atxCloseRe().ReplaceAllString(m[2], "")
			if strings.Trim(m[2], "# \t") == "" {
				title = ""
			}
			heads = append(heads, hd{Heading{Level: len(m[1]), Text: strings.TrimSpace(title), Line: i + 1}, i + 1, i})
			isHead[i] = true
			prevPara = false
			continue
		}
		if prevPara && (setextEqRe().MatchString(line) || setextDashR().MatchString(line)) {
			level := 1
			if strings.Contains(line, "-") {
				level = 2
			}
			heads = append(heads, hd{Heading{Level: level, Text: strings.TrimSpace(clean[i-1]), Line: i}, i + 1, i - 1})
			isHead[i-1], isHead[i] = true, true
			prevPara = false
			continue
		}
		blank := strings.TrimSpace(line) == ""
		prevPara = !blank && !listItemRe().MatchString(line) && !strings.HasPrefix(t, ">") && !strings.HasPrefix(t, "|") && len(line)-len(t) < 4
		if !blank {
			for _, loc := range placeholderRe().FindAllStringIndex(line, -1) {
				d.Placeholders = append(d.Placeholders, Placeholder{Line: i + 1, Col: loc[0] + 1, Text: line[loc[0]:loc[1]]})
			}
		}
	}

	for k, h := range heads {
		end := len(lines) // exclusive, 0-based
		for _, n := range heads[k+1:] {
			if n.Level <= h.Level {
				end = n.first
				break
			}
		}
		var b strings.Builder
		for i := h.bodyStart; i < end; i++ {
			if isHead[i] {
				// Keep subsection titles out of the body's text so
				// that a section made only of headings is empty.
				continue
			}
			b.WriteString(clean[i])
			b.WriteByte('\n')
		}
		d.Sections = append(d.Sections, Section{Heading: h.Heading, End: max(end, h.Line), Body: b.String()})
	}
	return d
}

// stripComments removes HTML comments from one line. inComment says
// whether the line starts inside a comment; the result says whether it
// ends inside one.
func stripComments(line string, inComment bool) (string, bool) {
	if !inComment && !strings.Contains(line, "<!--") {
		return line, false
	}
	var b strings.Builder
	rest := line
	for rest != "" {
		if inComment {
			j := strings.Index(rest, "-->")
			if j < 0 {
				return b.String(), true
			}
			rest = rest[j+3:]
			inComment = false
			continue
		}
		j := strings.Index(rest, "<!--")
		if j < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:j])
		rest = rest[j+4:]
		inComment = true
	}
	return b.String(), inComment
}

// Headings returns the document's headings in order.
func (d *Doc) Headings() []Heading {
	out := make([]Heading, len(d.Sections))
	for i, s := range d.Sections {
		out[i] = s.Heading
	}
	return out
}

// IsEmptyText reports whether body has no content once placeholders,
// Markdown punctuation (rules, table pipes, emphasis) and whitespace are
// removed.
func IsEmptyText(body string) bool {
	body = placeholderRe().ReplaceAllString(body, "")
	for _, r := range body {
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
		case strings.ContainsRune("-*_|:=>#`~[]()", r):
		default:
			return false
		}
	}
	return true
}

// numberRe matches a number standing on its own: "0.91", "87%", "1,024",
// "3e-4"; not the digit in "F1" or "bert2".
var numberRe = lazyre.New(`(?:^|[^\p{L}\p{N}_.])[-+±]?\d+(?:[.,]\d+)*(?:[eE][-+]?\d+)?\s*%?`)

// HasNumber reports whether text contains a number on its own.
func HasNumber(text string) bool {
	return numberRe().MatchString(text)
}
