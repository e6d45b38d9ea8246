package seeds

import (
	"sort"
	"strconv"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// pandas. DataFrame.sample, Series.sample and GroupBy.sample without
// random_state draw from numpy's global RNG (pandas turns random_state=None
// into np.random's global RandomState), so they are uses of that source,
// as is scipy.stats' <dist>.rvs without random_state. ".sample" is a
// common method name (random.sample, a torch distribution's sample(), a
// data set's own), so a call counts only when its receiver is a pandas
// object: the result of a pandas function that makes one (pd.read_csv,
// pd.DataFrame, pd.concat, ...), of .to_pandas(), of seaborn.load_dataset
// or of a scikit-learn data set loader with as_frame=True; a subscript,
// an attribute or a method result of one (df[cols], df.loc[...],
// df.dropna()); a name bound to one (an assignment, a tuple unpacked from
// train_test_split or from a repository function that returns one, a
// parameter annotated pd.DataFrame or given one by its caller, a self
// attribute set to one in the class). Anything else is not.

// pandasSample is what a pandas receiver's .sample resolves to.
const pandasSample = "pandas.DataFrame.sample"

// pandasKind is what an expression is, as far as pandas goes.
type pandasKind uint8

const (
	pdUnknown pandasKind = iota
	pdFrame              // a DataFrame, a Series or a GroupBy of one
	pdBunch              // a scikit-learn Bunch loaded with as_frame=True
)

// pdVal is the value of an expression: a kind, or for a tuple (a
// function that returns df, y) the kinds of its elements.
type pdVal struct {
	kind  pandasKind
	elems []pandasKind
}

// pandasProducers are the pandas functions (by the last part of their
// name) that return a DataFrame or a Series; every read_* reader does too.
var pandasProducers = setOf("DataFrame", "Series", "concat", "merge", "merge_asof", "merge_ordered", "get_dummies",
	"crosstab", "pivot", "pivot_table", "melt", "wide_to_long", "json_normalize", "from_dummies", "from_dict",
	"from_records", "GeoDataFrame", "GeoSeries")

// pandasExits are the attributes of a DataFrame or a Series that are not
// pandas objects that can be sampled (arrays, lists, scalars, an Index).
var pandasExits = setOf("values", "to_numpy", "tolist", "to_list", "to_dict", "to_records", "to_json", "to_csv",
	"to_string", "to_markdown", "array", "item", "shape", "size", "ndim", "dtypes", "dtype", "columns", "index",
	"keys", "items", "iterrows", "itertuples", "plot", "hist", "empty", "name", "nbytes", "memory_usage",
	"to_parquet", "to_pickle", "to_excel", "to_sql", "to_torch")

// frameLoaders are scikit-learn's data set loaders: with as_frame=True
// their Bunch holds DataFrames (or, with return_X_y=True, they return a
// DataFrame and a Series).
func frameLoader(resolved string) bool {
	return strings.HasPrefix(resolved, "sklearn.datasets.load_") || strings.HasPrefix(resolved, "sklearn.datasets.fetch_")
}

// isPandasProducer reports a library function whose result is a pandas
// object.
func isPandasProducer(resolved string) bool {
	head, _, _ := strings.Cut(resolved, ".")
	last := lastPart(resolved)
	switch head {
	case "pandas", "geopandas", "modin":
		return pandasProducers[last] || strings.HasPrefix(last, "read_")
	}
	return resolved == "seaborn.load_dataset"
}

// sampleDraws reports whether a pandas sample call draws from numpy's
// global RNG: no random_state (keyword or the fifth positional argument)
// or random_state=None.
func sampleDraws(c *python.Call) bool {
	if c.StarStar {
		return false
	}
	if v, ok := c.Keyword("random_state"); ok {
		return v == "None"
	}
	return len(c.Args) < 5 || c.Args[4] == "None"
}

// scipyRVS reports scipy.stats' <distribution>.rvs(...) without
// random_state: scipy then draws from numpy's global RandomState.
func scipyRVS(resolved string, c *python.Call) bool {
	if !strings.HasPrefix(resolved, "scipy.stats.") || lastPart(resolved) != "rvs" || strings.Count(resolved, ".") != 3 || c.StarStar {
		return false
	}
	v, ok := c.Keyword("random_state")
	return !ok || v == "None"
}

// pureDraw reports the calls whose only effect, besides the draw, is the
// value they return: when nothing uses it, the draw changes nothing.
func pureDraw(resolved string) bool {
	return pandasSamples[resolved] || strings.HasPrefix(resolved, "scipy.stats.") && lastPart(resolved) == "rvs"
}

// pandasReceiver returns pandasSample when the call is .sample on a pandas
// object, else "".
func (t *tracer) pandasReceiver(fr *frame, idx int, c *python.Call) string {
	var recv string
	switch {
	case c.Callee == ".sample":
		// pd.read_csv(p).sample(100), df[df.y == 1].sample(5): the
		// receiver is an expression, read from the source
		recv = receiverText(t.p, fr.f, c)
	case strings.HasSuffix(c.Callee, ".sample"):
		recv = strings.TrimSuffix(c.Callee, ".sample")
	}
	if recv == "" || t.pandasExpr(fr, idx, t.expr(recv), 0).kind != pdFrame {
		return ""
	}
	return pandasSample
}

// pandasExpr evaluates an expression of frame fr just before its event
// idx: a primary (a name followed by attributes, calls and subscripts).
func (t *tracer) pandasExpr(fr *frame, idx int, x expr, depth int) pdVal {
	x = x.unparen()
	if depth > 8 || len(x.toks) == 0 || x.toks[0].Kind != python.Name || keywords[x.src[x.toks[0].Off:x.toks[0].EndOff]] {
		return pdVal{}
	}
	m := fr.f.Mod
	name := x.src[x.toks[0].Off:x.toks[0].EndOff]
	lib := "" // the library name so far (pd.read_csv)
	local := name
	var cur pdVal
	if r := libName(m, name); !strings.HasPrefix(r, "<local>.") {
		lib = r
	} else {
		cur = t.pandasName(fr, idx, name, depth+1)
	}
	attr := ""
	for i := 1; i < len(x.toks); {
		switch {
		case x.is(i, ".") && i+1 < len(x.toks) && x.toks[i+1].Kind == python.Name:
			attr = x.src[x.toks[i+1].Off:x.toks[i+1].EndOff]
			switch {
			case lib != "":
				lib += "." + attr
			case cur.kind == pdFrame:
				if pandasExits[attr] {
					cur = pdVal{}
				}
			case cur.kind == pdBunch:
				cur = pdVal{}
				if attr == "frame" || attr == "data" || attr == "target" {
					cur.kind = pdFrame
				}
			case local != "":
				local += "." + attr
				if strings.HasPrefix(local, "self.") && strings.Count(local, ".") == 1 {
					cur = t.pandasName(fr, idx, local, depth+1)
				}
			}
			i += 2
			continue
		case x.is(i, "("):
			end := closeAt(x, i)
			if end < 0 {
				return pdVal{}
			}
			call := x.sub(i+1, end)
			switch {
			case attr == "to_pandas" || attr == "toPandas":
				cur = pdVal{kind: pdFrame}
			case lib != "":
				cur = t.libCall(fr, idx, lib, call, depth)
			case cur.kind == pdFrame:
				// a method of a DataFrame or a Series (an exit was left
				// at its attribute)
			case local != "":
				cur = t.repoCall(fr, idx, local, depth)
			default:
				cur = pdVal{}
			}
			lib, local = "", ""
			i = end + 1
			continue
		case x.is(i, "["):
			end := closeAt(x, i)
			if end < 0 {
				return pdVal{}
			}
			switch {
			case cur.kind == pdFrame:
			case len(cur.elems) > 0 && end == i+2 && x.toks[i+1].Kind == python.Number:
				// load()[0]: an element of a returned tuple
				k, err := strconv.Atoi(x.src[x.toks[i+1].Off:x.toks[i+1].EndOff])
				elems := cur.elems
				cur = pdVal{}
				if err == nil && k >= 0 && k < len(elems) {
					cur.kind = elems[k]
				}
			default:
				cur = pdVal{}
			}
			lib, local = "", ""
			i = end + 1
			continue
		}
		return pdVal{} // an operator: not a primary
	}
	if lib != "" || local != "" && local != name && !strings.HasPrefix(local, "self.") {
		return pdVal{} // a library attribute or an unknown object's
	}
	return cur
}

// closeAt returns the index of the bracket that closes the one at i, or -1.
func closeAt(x expr, i int) int {
	depth := 0
	for j := i; j < len(x.toks); j++ {
		switch {
		case x.is(j, "(") || x.is(j, "[") || x.is(j, "{"):
			depth++
		case x.is(j, ")") || x.is(j, "]") || x.is(j, "}"):
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return -1
}

// libCall is the value of a library call: a pandas producer, a
// scikit-learn loader with as_frame=True, train_test_split of pandas
// arrays, a function of a repository module reached through an import.
func (t *tracer) libCall(fr *frame, idx int, resolved string, args expr, depth int) pdVal {
	switch {
	case isPandasProducer(resolved):
		return pdVal{kind: pdFrame}
	case frameLoader(resolved):
		var c python.Call
		parseArgs(args, &c)
		if v, _ := c.Keyword("as_frame"); v != "True" {
			return pdVal{}
		}
		if v, _ := c.Keyword("return_X_y"); v == "True" {
			return pdVal{elems: []pandasKind{pdFrame, pdFrame}}
		}
		return pdVal{kind: pdBunch}
	case lastPart(resolved) == "train_test_split" && strings.HasPrefix(resolved, "sklearn."):
		// one train and one test part per array, in order
		var c python.Call
		parseArgs(args, &c)
		var out pdVal
		for _, a := range c.Args {
			k := t.pandasExpr(fr, idx, t.expr(a), depth+1).kind
			out.elems = append(out.elems, k, k)
		}
		return out
	case knownLibrary(resolved):
		return pdVal{}
	}
	if g, gfn := qualifiedRepoCall(t.p, fr.f, resolved); gfn != nil {
		return t.returns(g, gfn, depth)
	}
	return pdVal{}
}

// repoCall is the value of a call of a repository function by a local
// name (a function of this module, a method through self).
func (t *tracer) repoCall(fr *frame, idx int, callee string, depth int) pdVal {
	g, gfn := resolveRepoCall(t.p, fr.f, fr.fn, callee, libName(fr.f.Mod, callee))
	if gfn == nil {
		return pdVal{}
	}
	return t.returns(g, gfn, depth)
}

// parseArgs splits a call's argument tokens into c's Args and Keywords.
func parseArgs(args expr, c *python.Call) {
	if len(args.toks) == 0 {
		return
	}
	for _, a := range args.split(",") {
		if len(a.toks) == 0 {
			continue
		}
		if a.is(0, "**") {
			c.StarStar = true
			continue
		}
		if len(a.toks) > 2 && a.toks[0].Kind == python.Name && a.is(1, "=") {
			c.Keywords = append(c.Keywords, python.Keyword{Name: a.src[a.toks[0].Off:a.toks[0].EndOff], Value: a.sub(2, len(a.toks)).text()})
			continue
		}
		c.Args = append(c.Args, a.text())
	}
}

// pdKey memoises what a function returns and what a name is after one of
// its assignments.
type pdKey struct {
	fn   *python.Func
	name string
	k    int
}

// returns is what a repository function returns: for a tuple, each
// element; a kind that some return statement gives (others may return
// None early).
func (t *tracer) returns(g *pyfile.File, gfn *python.Func, depth int) pdVal {
	key := pdKey{gfn, "<return>", 0}
	if v, ok := t.pdMemo[key]; ok {
		return v
	}
	t.pdMemoSet(key, pdVal{}) // a recursive function returns nothing known
	var out pdVal
	fr := &frame{f: g, fn: gfn}
	for _, r := range gfn.Returns {
		parts := t.expr(r.Value).split(",")
		if n := len(parts); n > 1 && len(parts[n-1].toks) == 0 {
			parts = parts[:n-1] // return df,
		}
		if len(parts) == 1 {
			if v := t.pandasExpr(fr, r.At, parts[0], depth+1); v.kind != pdUnknown {
				out.kind = v.kind
			} else if len(v.elems) > 0 && out.elems == nil {
				out.elems = v.elems
			}
			continue
		}
		if out.elems == nil {
			out.elems = make([]pandasKind, len(parts))
		}
		for i, p := range parts {
			if i < len(out.elems) {
				if k := t.pandasExpr(fr, r.At, p, depth+1).kind; k != pdUnknown {
					out.elems[i] = k
				}
			}
		}
	}
	t.pdMemoSet(key, out)
	return out
}

func (t *tracer) pdMemoSet(k pdKey, v pdVal) {
	if t.pdMemo == nil {
		t.pdMemo = map[pdKey]pdVal{}
	}
	t.pdMemo[k] = v
}

// pandasName is what a name (or self.attribute) is just before event idx
// of frame fr: its last assignment before it in the function, else a
// parameter (its annotation, or what the caller passed), else a
// module-level name (the module's last assignment to it), else, for
// self.attribute, an assignment in a method of the class.
func (t *tracer) pandasName(fr *frame, idx int, name string, depth int) pdVal {
	if depth > 8 {
		return pdVal{}
	}
	fn := fr.fn
	last := -1
	for _, k := range t.assignsTo(fn, name) {
		if k < idx {
			last = k
		}
	}
	if last >= 0 {
		key := pdKey{fn, name, last}
		if v, ok := t.pdMemo[key]; ok {
			return v
		}
		t.pdMemoSet(key, pdVal{})
		v := t.assigned(fr, last, name, depth)
		t.pdMemoSet(key, v)
		return v
	}
	if class, ok := fr.types[name]; ok {
		if class == "pandas.DataFrame" || class == "pandas.Series" || strings.HasPrefix(class, "geopandas.") {
			return pdVal{kind: pdFrame}
		}
		return pdVal{}
	}
	for _, p := range fn.Params {
		if p.Name != name {
			continue
		}
		if ann := libName(fr.f.Mod, strings.Trim(p.Annotation, `"' `)); ann == "pandas.DataFrame" || ann == "pandas.Series" {
			return pdVal{kind: pdFrame}
		}
		if fr.caller != nil {
			if arg, ok := fr.args[name]; ok {
				return t.pandasExpr(fr.caller, fr.callIdx, t.expr(arg), depth+1)
			}
		}
		return pdVal{}
	}
	m := fr.f.Mod
	if attr, ok := strings.CutPrefix(name, "self."); ok && fn.Class != "" && !strings.Contains(attr, ".") {
		var names []string
		for n, g := range m.Funcs {
			if g.Class == fn.Class && g != fn {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		for _, n := range names {
			g := m.Funcs[n]
			if as := t.assignsTo(g, name); len(as) > 0 {
				if v := t.pandasName(&frame{f: fr.f, fn: g, self: fr.self}, as[len(as)-1]+1, name, depth+1); v.kind != pdUnknown {
					return v
				}
			}
		}
		return pdVal{}
	}
	if fn != m.Top && !strings.Contains(name, ".") {
		return t.pandasName(&frame{f: fr.f, fn: m.Top}, len(m.Top.Events), name, depth+1)
	}
	return pdVal{}
}

// assigned is the value a name gets from the assignment at event k: the
// value, or its element for a tuple target (a tuple written out, a
// function that returns one, train_test_split).
func (t *tracer) assigned(fr *frame, k int, name string, depth int) pdVal {
	a := fr.fn.Events[k].Assign
	v := t.pandasExpr(fr, k, t.expr(a.Value), depth+1)
	if a.Target == name {
		return v
	}
	j := -1
	for i, n := range strings.Split(a.Target, ",") {
		if strings.TrimSpace(n) == name {
			j = i
		}
	}
	if j < 0 {
		return pdVal{} // a starred target
	}
	if j < len(v.elems) {
		return pdVal{kind: v.elems[j]}
	}
	if parts := t.expr(a.Value).split(","); len(parts) > 1 && j < len(parts) {
		return pdVal{kind: t.pandasExpr(fr, k, parts[j], depth+1).kind}
	}
	return pdVal{}
}

// receiverText returns the source of the expression a method call with a
// dot-led callee (".sample") is called on: the primary before the dot,
// with its calls and subscripts; "" if it cannot be read.
func receiverText(p *checks.Pass, f *pyfile.File, c *python.Call) string {
	toks := fileTokens(p, f)
	i := tokenAt(toks, c.Off)
	start := primaryStart(f.Mod.Src, toks, i)
	if start < 0 || start >= i-1 {
		return ""
	}
	return string(f.Mod.Src[toks[start].Off:toks[i-1].Off])
}

// tokenAt returns the index of the token at byte offset off, or -1.
func tokenAt(toks []python.Token, off int) int {
	i := sort.Search(len(toks), func(i int) bool { return int(toks[i].Off) >= off })
	if i >= len(toks) || int(toks[i].Off) != off {
		return -1
	}
	return i
}

// primaryStart returns the index of the first token of the primary whose
// method name is token i ("df[m].sample": the index of df); i itself
// when it is not preceded by a dot; -1 if it cannot be read.
func primaryStart(src []byte, toks []python.Token, i int) int {
	text := func(k int) string { return string(src[toks[k].Off:toks[k].EndOff]) }
	if i < 0 {
		return -1
	}
	if i < 2 || text(i-1) != "." {
		return i
	}
	j := i - 2
	for j >= 0 {
		switch s := text(j); {
		case s == ")" || s == "]":
			depth := 0
			for ; j >= 0; j-- {
				switch text(j) {
				case ")", "]", "}":
					depth++
				case "(", "[", "{":
					depth--
				}
				if depth == 0 {
					break
				}
			}
			if j < 0 {
				return -1
			}
			// what the brackets follow: a name, a call, a subscript
			if j > 0 && (toks[j-1].Kind == python.Name && !keywords[text(j-1)] || text(j-1) == ")" || text(j-1) == "]") {
				j--
				continue
			}
		case toks[j].Kind == python.Name && !keywords[s]:
			if j > 0 && text(j-1) == "." {
				j -= 2
				continue
			}
		default:
			return -1
		}
		break
	}
	return j
}

// discardedValue reports a call whose value nothing uses: the whole
// expression statement (df.sample(5), or df.sample(5).head() as a
// notebook cell's last line, which only displays it) or the only argument
// of print() or display(). A pure function's draw there changes what is
// shown, not a result.
func discardedValue(p *checks.Pass, f *pyfile.File, c *python.Call) bool {
	toks := fileTokens(p, f)
	src := f.Mod.Src
	text := func(k int) string {
		if k < 0 || k >= len(toks) {
			return ""
		}
		return string(src[toks[k].Off:toks[k].EndOff])
	}
	stmtEdge := func(k int) bool {
		if k < 0 || k >= len(toks) {
			return true
		}
		switch toks[k].Kind {
		case python.Newline, python.Indent, python.Dedent, python.EndMarker:
			return true
		}
		return text(k) == ";"
	}
	i := tokenAt(toks, c.Off)
	start := i
	if strings.HasPrefix(c.Callee, ".") {
		start = primaryStart(src, toks, i)
	}
	if start < 0 {
		return false
	}
	// the end of the call (the bracket after the method's name), and of
	// display-only methods after it (.head(), .T)
	skip := func(k int) int { // from an opening bracket past its closing one
		depth := 0
		for ; k < len(toks); k++ {
			switch text(k) {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
			}
			if depth == 0 {
				return k + 1
			}
		}
		return k
	}
	name := i // the method's name
	if !strings.HasPrefix(c.Callee, ".") {
		name += 2 * strings.Count(c.Callee, ".")
	}
	if i < 0 || text(name+1) != "(" {
		return false
	}
	end := skip(name + 1)
	for text(end) == "." && displayMethods[text(end+1)] {
		end += 2
		if text(end) == "(" {
			end = skip(end)
		}
	}
	if stmtEdge(start-1) && stmtEdge(end) {
		return true
	}
	// print(df.sample(5)), display(df.sample(5))
	if fn := text(start - 2); text(start-1) == "(" && (fn == "print" || fn == "display") && stmtEdge(start-3) && text(end) == ")" && stmtEdge(end+1) {
		return true
	}
	return false
}

// displayMethods only change how a frame is shown.
var displayMethods = setOf("head", "tail", "T", "transpose", "round", "style", "describe", "reset_index",
	"sort_values", "sort_index", "to_string", "to_markdown", "to_html")

// fileTokens are a file's tokens without comments and non-logical line
// breaks, once per run.
func fileTokens(p *checks.Pass, f *pyfile.File) []python.Token {
	return p.Memo("seeds:tokens:"+f.Path, func() any {
		all, err := python.Tokenize(f.Mod.Src)
		if err != nil {
			return []python.Token(nil)
		}
		out := make([]python.Token, 0, len(all))
		for _, t := range all {
			switch t.Kind {
			case python.NL, python.Comment, python.FStringMiddle:
				continue
			}
			out = append(out, t)
		}
		return out
	}).([]python.Token)
}
