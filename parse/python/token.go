package python

import "fmt"

// Kind is a token kind; the names match CPython's token module.
type Kind uint8

// Token kinds.
const (
	ErrorToken Kind = iota
	EndMarker
	Name
	Number
	String
	Newline // end of a logical line
	NL      // a line break that does not end a logical line
	Comment
	Indent
	Dedent
	Op
	FStringStart  // f" or rf''' ... (Python 3.12+ form)
	FStringMiddle // literal text of an f-string (escapes left as written)
	FStringEnd    // the closing quote(s) of an f-string
)

var kindNames = [...]string{
	ErrorToken:    "ERRORTOKEN",
	EndMarker:     "ENDMARKER",
	Name:          "NAME",
	Number:        "NUMBER",
	String:        "STRING",
	Newline:       "NEWLINE",
	NL:            "NL",
	Comment:       "COMMENT",
	Indent:        "INDENT",
	Dedent:        "DEDENT",
	Op:            "OP",
	FStringStart:  "FSTRING_START",
	FStringMiddle: "FSTRING_MIDDLE",
	FStringEnd:    "FSTRING_END",
}

// String returns CPython's name for the kind, e.g. "NAME".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Pos is a position as CPython's tokenize reports it: Line is 1-based, Col
// is 0-based and counts code points (not bytes) from the start of the line,
// after a UTF-8 BOM.
type Pos struct {
	Line, Col int32
}

// Token is one token. Off and EndOff are byte offsets into the source, so
// src[Off:EndOff] is the token's text.
type Token struct {
	Kind       Kind
	Start, End Pos
	Off        int32
	EndOff     int32
}

// Text returns the token's source text.
func (t Token) Text(src []byte) string { return string(src[t.Off:t.EndOff]) }

// Error is a tokenizer error with the position it was found at (1-based
// line, 0-based column in code points, as Python reports them).
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }
