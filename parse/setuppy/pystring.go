package setuppy

import "github.com/git-repro/git-repro/parse/python"

// stringValue decodes one Python string literal token (python.StringToken):
// ok is false for bytes and f-strings and for text that is not a string
// literal.
func stringValue(tok string) (val string, ok bool) { return python.StringToken(tok) }
