package deps

import (
	"strings"
	"sync"

	"github.com/git-repro/git-repro/parse/python"
)

// stdlib holds the standard library's top-level modules, built on first
// use: only a repository without a manifest needs it.
var stdlib = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(stdlibList, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
})

// python2Stdlib are standard-library modules of Python 2 that Python 3
// renamed or dropped: old code that imports them needs no package.
var python2Stdlib = map[string]bool{
	"__builtin__": true, "urllib2": true, "urlparse": true, "cPickle": true, "cStringIO": true, "StringIO": true,
	"ConfigParser": true, "Queue": true, "HTMLParser": true, "httplib": true, "cookielib": true, "commands": true,
	"exceptions": true, "sets": true, "md5": true, "sha": true, "thread": true, "Tkinter": true, "tkMessageBox": true,
	"SocketServer": true, "SimpleHTTPServer": true, "BaseHTTPServer": true, "CGIHTTPServer": true, "xmlrpclib": true,
	"copy_reg": true, "anydbm": true, "dummy_thread": true, "htmlentitydefs": true, "robotparser": true,
	"repr": true, "UserDict": true, "UserList": true, "UserString": true, "urllib2_file": true, "dbhash": true,
}

// generatedModule reports an import of a module that a build step writes
// (protobuf and gRPC stubs), which the repository holds as .proto files.
func generatedModule(name string) bool {
	return strings.HasSuffix(name, "_pb2") || strings.HasSuffix(name, "_pb2_grpc")
}

// installerModules come with every environment that can install anything
// (pip, setuptools, wheel): importing them needs no declared dependency.
var installerModules = map[string]bool{"pip": true, "setuptools": true, "pkg_resources": true, "wheel": true, "_distutils_hack": true, "__main__": true}

// distributionOf maps the import names whose distribution on the package
// index has another name.
var distributionOf = map[string]string{
	"cv2": "opencv-python", "PIL": "pillow", "sklearn": "scikit-learn", "yaml": "pyyaml",
	"skimage": "scikit-image", "bs4": "beautifulsoup4", "dateutil": "python-dateutil",
	"dotenv": "python-dotenv", "attr": "attrs", "Crypto": "pycryptodome", "jwt": "pyjwt",
	"serial": "pyserial", "fitz": "pymupdf", "git": "gitpython", "zmq": "pyzmq",
	"absl": "absl-py", "imblearn": "imbalanced-learn", "umap": "umap-learn", "Bio": "biopython",
	"OpenGL": "pyopengl", "faiss": "faiss-cpu", "docx": "python-docx", "magic": "python-magic",
	"websocket": "websocket-client", "MySQLdb": "mysqlclient",
	"tensorflow_hub": "tensorflow-hub", "sentence_transformers": "sentence-transformers",
	"huggingface_hub": "huggingface-hub", "lightning_fabric": "lightning-fabric",
}

// importRef is one absolute import of a module: its top-level name.
type importRef struct {
	top       string
	line, col int
	optional  bool // inside try/except ImportError, or under if TYPE_CHECKING
}

// pyStmt is one simple statement (or a compound statement's header) with
// its indentation depth.
type pyStmt struct {
	a, b  int // token range
	depth int
}

// scanImports lists the absolute imports of Python source, each marked
// optional when the program runs without it: inside a try whose handlers
// catch ImportError (or ModuleNotFoundError, Exception, a bare except),
// inside such a handler (a fallback), or under `if TYPE_CHECKING:`. Text
// in strings and comments is never an import.
func scanImports(src []byte) ([]importRef, error) {
	toks, err := python.TokenizeOptions(src, python.Options{Legacy: true})
	if err != nil {
		return nil, err
	}
	text := func(i int) string { return toks[i].Text(src) }
	isOp := func(i int, s string) bool { return i < len(toks) && toks[i].Kind == python.Op && text(i) == s }
	var stmts []pyStmt
	depth, start := 0, -1
	// emit splits a logical line into statements: a compound header's
	// body on the same line ("try: import x") is one level deeper, and
	// ";" separates simple statements.
	var emit func(a, b, d int)
	emit = func(a, b, d int) {
		nest := 0
		for j := a; j < b; j++ {
			if toks[j].Kind != python.Op {
				continue
			}
			switch text(j) {
			case "(", "[", "{":
				nest++
			case ")", "]", "}":
				nest--
			case ";":
				if nest == 0 {
					emit(a, j, d)
					emit(j+1, b, d)
					return
				}
			case ":":
				if nest == 0 && compoundHead(text(a)) && j+1 < b {
					stmts = append(stmts, pyStmt{a, j + 1, d})
					emit(j+1, b, d+1)
					return
				}
			}
		}
		if a < b {
			stmts = append(stmts, pyStmt{a, b, d})
		}
	}
	for i, t := range toks {
		switch t.Kind {
		case python.Indent:
			depth++
			continue
		case python.Dedent:
			depth--
			continue
		case python.NL, python.Comment:
			continue
		case python.Newline, python.EndMarker:
			if start >= 0 {
				emit(start, i, depth)
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	var out []importRef
	for k, s := range stmts {
		switch text(s.a) {
		case "import":
			for j := s.a + 1; j < s.b; j++ {
				if toks[j].Kind == python.Name && (j == s.a+1 || isOp(j-1, ",")) {
					out = append(out, importRef{top: text(j), line: int(toks[j].Start.Line), col: int(toks[j].Start.Col) + 1, optional: optionalAt(stmts, k, toks, src)})
				}
			}
		case "from":
			if j := s.a + 1; j < s.b && toks[j].Kind == python.Name {
				out = append(out, importRef{top: text(j), line: int(toks[j].Start.Line), col: int(toks[j].Start.Col) + 1, optional: optionalAt(stmts, k, toks, src)})
			}
		}
	}
	return out, nil
}

func compoundHead(w string) bool {
	switch w {
	case "if", "elif", "else", "try", "except", "finally", "for", "while", "with", "def", "class", "async":
		return true
	}
	return false
}

// optionalAt reports whether statement k runs only when an import may
// fail, or only for type checkers.
func optionalAt(stmts []pyStmt, k int, toks []python.Token, src []byte) bool {
	cur := stmts[k].depth
	for j := k - 1; j >= 0 && cur > 0; j-- {
		h := stmts[j]
		if h.depth >= cur {
			continue
		}
		cur = h.depth
		head := toks[h.a].Text(src)
		switch head {
		case "try":
			if catchesImportError(stmts, j, toks, src) {
				return true
			}
		case "except":
			return true // a fallback import in a handler
		case "else":
			// try: import a / except ImportError: ... / else: import b
			// runs only when the optional import worked.
			if t := tryOf(stmts, j, toks, src); t >= 0 && catchesImportError(stmts, t, toks, src) {
				return true
			}
		case "if", "elif":
			for t := h.a + 1; t < h.b; t++ {
				if toks[t].Kind == python.Name && toks[t].Text(src) == "TYPE_CHECKING" {
					return true
				}
			}
		}
	}
	return false
}

// tryOf returns the try statement an else clause at index j belongs to,
// or -1 (the else of an if, for or while).
func tryOf(stmts []pyStmt, j int, toks []python.Token, src []byte) int {
	d := stmts[j].depth
	for l := j - 1; l >= 0; l-- {
		s := stmts[l]
		if s.depth > d {
			continue
		}
		if s.depth < d {
			return -1
		}
		switch toks[s.a].Text(src) {
		case "except":
		case "try":
			return l
		default:
			return -1
		}
	}
	return -1
}

// catchesImportError reports whether the try statement at index j has a
// handler for a failed import.
func catchesImportError(stmts []pyStmt, j int, toks []python.Token, src []byte) bool {
	d := stmts[j].depth
	for l := j + 1; l < len(stmts); l++ {
		s := stmts[l]
		if s.depth > d {
			continue
		}
		if s.depth < d {
			return false
		}
		switch toks[s.a].Text(src) {
		case "except":
			if s.b-s.a <= 2 { // "except:"
				return true
			}
			for t := s.a + 1; t < s.b; t++ {
				switch toks[t].Text(src) {
				case "ImportError", "ModuleNotFoundError", "Exception", "BaseException":
					return true
				}
			}
		case "else", "finally":
		default:
			return false
		}
	}
	return false
}
