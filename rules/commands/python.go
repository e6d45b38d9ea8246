package commands

import (
	"fmt"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// fetcher is a Python function that downloads a URL, and where its
// arguments are.
type fetcher struct {
	urlPos int    // the URL's positional index
	urlKw  string // and keyword
	// hashKws and hashPos are the arguments that make the call check a
	// hash itself (hashPos -1: none); flag marks a boolean switch
	// (check_hash=True) rather than the hash.
	hashKws []string
	hashPos int
	flag    bool
}

var fetchers = map[string]fetcher{
	"requests.get":                            {urlKw: "url", hashPos: -1},
	"requests.request":                        {urlPos: 1, urlKw: "url", hashPos: -1},
	"httpx.get":                               {urlKw: "url", hashPos: -1},
	"urllib.request.urlopen":                  {urlKw: "url", hashPos: -1},
	"urllib.request.urlretrieve":              {urlKw: "url", hashPos: -1},
	"wget.download":                           {urlKw: "url", hashPos: -1},
	"torch.hub.download_url_to_file":          {urlKw: "url", hashKws: []string{"hash_prefix"}, hashPos: 2},
	"torch.hub.load_state_dict_from_url":      {urlKw: "url", hashKws: []string{"check_hash"}, hashPos: 4, flag: true},
	"torch.utils.model_zoo.load_url":          {urlKw: "url", hashKws: []string{"check_hash"}, hashPos: 4, flag: true},
	"torchvision.datasets.utils.download_url": {urlKw: "url", hashKws: []string{"md5"}, hashPos: 3},
	"tensorflow.keras.utils.get_file":         {urlPos: 1, urlKw: "origin", hashKws: []string{"file_hash", "md5_hash"}, hashPos: 4},
	"keras.utils.get_file":                    {urlPos: 1, urlKw: "origin", hashKws: []string{"file_hash", "md5_hash"}, hashPos: 4},
	"pooch.retrieve":                          {urlKw: "url", hashKws: []string{"known_hash"}, hashPos: 1},
}

// verifierRe names a call that checks a hash: hashlib.*, or a helper
// such as verify_checksum, check_integrity, .hexdigest.
var verifierRe = lazyre.New(`(?i)^hashlib\.|hash|sha(?:1|224|256|384|512)|md5|checksum|digest|integrity|verif`)

// pythonDownloads reports the downloads in Python code of a URL at a
// moving ref that nothing checks (REPRO-DEP-143): the call passes no hash
// and no later call of the same function hashes or verifies anything.
func pythonDownloads(f *pyfile.File, add func(string, checks.Diag)) {
	var assigned map[string][]assignment
	funcs := []*python.Func{f.Mod.Top}
	if f.Mod.Main != nil {
		funcs = append(funcs, f.Mod.Main)
	}
	for _, fn := range f.Mod.Funcs {
		funcs = append(funcs, fn)
	}
	for _, fn := range funcs {
		for i, ev := range fn.Events {
			c := ev.Call
			if c == nil {
				continue
			}
			name := f.Mod.Resolve(c.Callee)
			fe, ok := fetchers[name]
			if !ok || checksHash(c, fe) || verifiedLater(f.Mod, fn.Events[i+1:]) {
				continue
			}
			arg, ok := argument(c, fe.urlPos, fe.urlKw)
			if !ok {
				continue
			}
			texts := literals(arg)
			if len(texts) == 0 && identRe().MatchString(arg) {
				if assigned == nil {
					assigned = assignments(f.Mod.Src)
				}
				texts = valueAt(assigned[arg], fn, int(c.Pos.Line))
			}
			for _, u := range texts {
				ref := refOfURL(u)
				if ref.moving == "" {
					continue
				}
				fix := fmt.Sprintf("pin the URL (%s) or compare a sha256 of the content with a known value", ref.pin)
				if len(fe.hashKws) > 0 {
					fix = fmt.Sprintf("pass %s= to %s, or pin the URL (%s)", fe.hashKws[0], c.Callee, ref.pin)
				}
				add(downloadID, checks.Diag{Pos: f.At(c.Pos),
					Message: fmt.Sprintf("%s%s of %q follows %s, which moves, and nothing checks a hash of what it returns; %s", f.CellRef(c.Pos), c.Callee, u, ref.moving, fix)})
				break
			}
		}
	}
}

// checksHash reports whether the call checks a hash itself.
func checksHash(c *python.Call, fe fetcher) bool {
	if c.StarStar {
		return true // **kwargs may hold it
	}
	for _, kw := range fe.hashKws {
		if v, ok := c.Keyword(kw); ok {
			return given(v, fe.flag)
		}
	}
	if fe.hashPos >= 0 && fe.hashPos < len(c.Args) {
		return given(c.Args[fe.hashPos], fe.flag)
	}
	return false
}

// given reports whether an argument's value turns the check on.
func given(v string, flag bool) bool {
	v = strings.TrimSpace(v)
	if flag {
		return v != "False" && v != "None" && v != "0"
	}
	return v != "None" && v != "" && v != `""` && v != "''"
}

// verifiedLater reports whether a later call of the function hashes or
// verifies something.
func verifiedLater(m *python.Module, evs []python.Event) bool {
	for _, ev := range evs {
		if ev.Call != nil && verifierRe().MatchString(m.Resolve(ev.Call.Callee)) {
			return true
		}
	}
	return false
}

// argument returns the source text of a call's argument, by position or
// keyword.
func argument(c *python.Call, pos int, kw string) (string, bool) {
	if v, ok := c.Keyword(kw); ok {
		return v, true
	}
	if pos < len(c.Args) {
		return c.Args[pos], true
	}
	return "", false
}

var (
	identRe   = lazyre.New(`^[A-Za-z_][A-Za-z0-9_]*$`)
	literalRe = lazyre.New(`(?s)"""(.*?)"""|'''(.*?)'''|"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'`)
	urlInRe   = lazyre.New(`(?i)^(?:https?|ftp)://`)
)

// literals returns the URLs written as string literals in an expression's
// source ("https://...", f"https://.../{name}/main/x.json"), concatenated
// pieces joined; an f-string's fields stay as written.
func literals(expr string) []string {
	var joined strings.Builder
	for _, m := range literalRe().FindAllStringSubmatch(expr, -1) {
		joined.WriteString(m[1] + m[2] + m[3] + m[4])
	}
	s := strings.TrimSpace(joined.String())
	if !urlInRe().MatchString(s) {
		return nil
	}
	return []string{s}
}

// assignment is a name assigned string values at the start of a
// statement (`LABELS_URL = "https://..."`), at a line and block depth of
// the module.
type assignment struct {
	line, depth int
	values      []string
}

// assignments finds the names assigned string literals at the start of a
// statement (with an annotation, implicitly concatenated pieces, in
// parentheses), every assignment of each name in source order.
func assignments(src []byte) map[string][]assignment {
	toks, err := python.Tokenize(src)
	if err != nil {
		return nil
	}
	text := func(t python.Token) string { return string(src[t.Off:t.EndOff]) }
	out := map[string][]assignment{}
	start, depth := true, 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.Kind {
		case python.Indent:
			depth++
			start = true
			continue
		case python.Dedent:
			depth--
			start = true
			continue
		case python.Newline:
			start = true
			continue
		case python.NL, python.Comment:
			continue
		}
		if !start {
			continue
		}
		start = false
		if t.Kind != python.Name {
			continue
		}
		j := i + 1
		if j < len(toks) && text(toks[j]) == ":" { // NAME: str = "..."
			for j < len(toks) && text(toks[j]) != "=" && toks[j].Kind != python.Newline {
				j++
			}
		}
		if j >= len(toks) || text(toks[j]) != "=" {
			continue
		}
		var val strings.Builder
		k := j + 1
		for ; k < len(toks); k++ {
			tk := toks[k]
			if tk.Kind == python.String {
				val.WriteString(text(tk))
				continue
			}
			if tk.Kind == python.NL || tk.Kind == python.Comment || tk.Kind == python.Op && (text(tk) == "(" || text(tk) == ")") {
				continue
			}
			break
		}
		if k < len(toks) && toks[k].Kind == python.Newline && val.Len() > 0 {
			out[text(t)] = append(out[text(t)], assignment{line: int(t.Start.Line), depth: depth, values: literals(val.String())})
		}
		i = k - 1
	}
	return out
}

// valueAt returns the string values a name holds at a call on line of
// function fn: the last assignment in fn before the call, else the
// module's own (top-level) assignment.
func valueAt(as []assignment, fn *python.Func, line int) []string {
	var local, module []string
	for _, a := range as {
		switch {
		case a.depth == 0:
			if module == nil || a.line < line {
				module = a.values
			}
		case fn.Pos.Line > 0 && int(fn.Pos.Line) < a.line && a.line < line:
			local = a.values
		case fn.Pos.Line == 0 && a.line < line && a.depth <= 1: // the main block
			local = a.values
		}
	}
	if local != nil {
		return local
	}
	return module
}
