package seeds

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// Seed values (REPRO-SEED-003): what a seeding call is given when the
// program runs with its defaults. A seed such as args.seed or cfg["SEED"]
// is fixed only if its default is: "--seed" without a default (None),
// SEED=-1 with a helper that then draws a random seed, seed = args.seed or
// random.randint(...) are not. The evaluator follows a seed expression
// through the function's assignments (and the conditions that guard them),
// the parameters its caller passed, module constants and the defaults of
// the command line and the configuration (defaults.go).

type valKind int

const (
	vUnknown valKind = iota
	vFixed           // a number or another fixed value
	vNone            // None: the seeder takes its seed from OS entropy
	vRandom          // drawn from the OS, the clock or an unseeded RNG
)

// val is an abstract seed value.
type val struct {
	kind   valKind
	num    float64 // for a number
	hasNum bool
	// fromDefault: the value is (or was decided by) a default of the
	// command line or the configuration; why says which, for the message.
	fromDefault bool
	why         string
	// param: the value is a function parameter's own default (def
	// rollout(env, seed=None)), not the command line's or a config's
	param bool
	// src and srcAt: the random source of a vRandom value
	src   string
	srcAt site
	// origin is the call that passed the value into the helper being
	// walked: the finding goes there, where the program can be fixed.
	origin *site
}

// site is a call in a file.
type site struct {
	file   *pyfile.File
	pos    python.Pos
	callee string
	arg    string // the seed argument as written there
}

// seedRisk is a seeding call whose seed is not fixed.
type seedRisk struct {
	at site
	v  val
	// none is what the seeder does with None
	none noneRule
}

// noneRule is what a seeder does when its seed is None.
type noneRule int

const (
	// noneFails: it raises (torch.manual_seed(None)), so no run goes on
	// unseeded and there is nothing to report
	noneFails noneRule = iota
	// noneEntropy: it seeds itself from OS entropy (random.seed(None))
	noneEntropy
	// noneSkips: it seeds nothing (an SB3 algorithm given seed=None)
	noneSkips
	// noneEnv: an environment seeder (env.reset(seed=None)), which then
	// seeds from OS entropy the first time and otherwise goes on with its
	// generator; None is reported only when it is the default of the
	// command line or a configuration (a seed option meant to seed it), not
	// a helper parameter's own default
	noneEnv
)

// evaluator evaluates expressions of one frame.
type evaluator struct {
	t     *tracer
	fr    *frame
	depth int
}

// checkSeedValue evaluates the seed a seeding call (or generator) gets
// and records a risk when it is None (for a seeder that accepts None) or
// random. Literal None, no seed and values from the clock are reported by
// the per-file check.
func (t *tracer) checkSeedValue(fr *frame, idx int, c *python.Call, resolved string) {
	arg, fixed := seedArg(c)
	if !fixed || arg == "**kwargs" {
		return
	}
	none := noneFails
	if acceptsNone[resolved] {
		none = noneEntropy
	}
	t.checkSeedExpr(fr, idx, c, arg, none)
}

// checkSeedExpr evaluates the seed expression arg that call c gives a
// seeder and records a risk when it is random, or None for a seeder that
// goes on without a seed (none).
func (t *tracer) checkSeedExpr(fr *frame, idx int, c *python.Call, arg string, none noneRule) {
	v := (&evaluator{t: t, fr: fr}).eval(arg, idx)
	switch {
	case v.kind == vRandom:
	case v.kind == vNone && (none == noneEntropy || none == noneSkips):
	case v.kind == vNone && none == noneEnv && v.fromDefault && !v.param:
	default:
		return
	}
	at := site{file: fr.f, pos: c.Pos, callee: c.Callee, arg: arg}
	if v.kind == vRandom && v.srcAt.pos == (python.Pos{}) {
		v.srcAt.pos = c.Pos
	}
	if v.origin != nil {
		at = *v.origin
	}
	t.risks = append(t.risks, seedRisk{at: at, v: v, none: none})
}

// bindParams evaluates the arguments of a call into a repository
// function, for its parameters. A value that is None, negative or random
// remembers the call as its origin.
func (t *tracer) bindParams(fr *frame, idx int, c *python.Call, params []python.Param) map[string]val {
	out := map[string]val{}
	ev := &evaluator{t: t, fr: fr}
	for i, p := range params {
		if p.Star != "" {
			break
		}
		arg, given := "", false
		if i < len(c.Args) {
			arg, given = c.Args[i], true
		} else if v, ok := c.Keyword(p.Name); ok {
			arg, given = v, true
		}
		var v val
		switch {
		case given:
			v = ev.eval(arg, idx)
		case p.Default != "" && !c.StarStar:
			v = literal(p.Default)
			if v.kind == vNone {
				v.why = fmt.Sprintf("the default of its parameter %q", p.Name)
				v.fromDefault = true
				v.param = true
			}
		default:
			continue
		}
		if v.kind == vUnknown {
			continue
		}
		if v.origin == nil && (v.kind != vFixed || v.hasNum && v.num < 0) {
			v.origin = &site{file: fr.f, pos: c.Pos, callee: c.Callee, arg: arg}
		}
		out[p.Name] = v
	}
	return out
}

// expr returns an expression's tokens, tokenized once per program.
func (t *tracer) expr(src string) expr {
	if x, ok := t.exprs[src]; ok {
		return x
	}
	x := expr{src, tokens(src)}
	if t.exprs == nil {
		t.exprs = map[string]expr{}
	}
	t.exprs[src] = x
	return x
}

// tokens returns the significant tokens of an expression.
func tokens(expr string) []python.Token {
	all, err := python.Tokenize([]byte(expr))
	if err != nil {
		return nil
	}
	out := all[:0]
	for _, t := range all {
		switch t.Kind {
		case python.NL, python.Newline, python.EndMarker, python.Comment, python.Indent, python.Dedent, python.FStringMiddle:
			continue
		}
		out = append(out, t)
	}
	return out
}

// expr is a token slice of a source text.
type expr struct {
	src  string
	toks []python.Token
}

func (x expr) text() string {
	if len(x.toks) == 0 {
		return ""
	}
	return strings.TrimSpace(x.src[x.toks[0].Off:x.toks[len(x.toks)-1].EndOff])
}

func (x expr) is(i int, s string) bool {
	return i >= 0 && i < len(x.toks) && x.src[x.toks[i].Off:x.toks[i].EndOff] == s
}

func (x expr) sub(i, j int) expr { return expr{x.src, x.toks[i:j]} }

// top returns the index of the first top-level token s at or after from,
// or -1.
func (x expr) top(s string, from int) int {
	depth := 0
	for i := 0; i < len(x.toks); i++ {
		switch x.toks[i].Kind {
		case python.FStringStart:
			depth++
		case python.FStringEnd:
			depth--
		case python.Op:
			switch x.src[x.toks[i].Off:x.toks[i].EndOff] {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
			}
		}
		if depth == 0 && i >= from && x.is(i, s) {
			return i
		}
	}
	return -1
}

// split splits at each top-level token s.
func (x expr) split(s string) []expr {
	var out []expr
	start := 0
	for i := x.top(s, 0); i >= 0; i = x.top(s, i+1) {
		out = append(out, x.sub(start, i))
		start = i + 1
	}
	return append(out, x.sub(start, len(x.toks)))
}

// unparen drops brackets around the whole expression.
func (x expr) unparen() expr {
	for len(x.toks) >= 2 && x.is(0, "(") && x.is(len(x.toks)-1, ")") && x.sub(1, len(x.toks)-1).balanced() {
		x = x.sub(1, len(x.toks)-1)
	}
	return x
}

func (x expr) balanced() bool {
	depth := 0
	for i := range x.toks {
		switch {
		case x.is(i, "(") || x.is(i, "[") || x.is(i, "{"):
			depth++
		case x.is(i, ")") || x.is(i, "]") || x.is(i, "}"):
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

func (ev *evaluator) eval(src string, before int) val {
	return ev.evalExpr(ev.t.expr(src), before)
}

func (ev *evaluator) evalExpr(x expr, before int) val {
	if ev.depth > 12 {
		return val{}
	}
	ev.depth++
	defer func() { ev.depth-- }()
	x = x.unparen()
	if len(x.toks) == 0 {
		return val{}
	}
	// a if c else b
	if i := x.top("if", 1); i > 0 {
		if j := x.top("else", i+1); j > i {
			yes, no := x.sub(0, i), x.sub(j+1, len(x.toks))
			c := ev.cond(x.sub(i+1, j), before)
			switch c.tri {
			case triYes:
				return c.decide(ev.evalExpr(yes, before))
			case triNo:
				return c.decide(ev.evalExpr(no, before))
			}
			return join(ev.evalExpr(yes, before), ev.evalExpr(no, before))
		}
	}
	// a or b: the first truthy operand
	if parts := x.split("or"); len(parts) > 1 {
		var decided val
		for k, part := range parts {
			v := ev.evalExpr(part, before)
			if k == len(parts)-1 {
				return mergeWhy(v, decided)
			}
			switch truth(v) {
			case triYes:
				return mergeWhy(v, decided)
			case triNo:
				decided = mergeWhy(decided, v)
				continue
			}
			return val{}
		}
	}
	if v, ok := ev.random(x); ok {
		return v
	}
	if len(x.toks) == 1 || len(x.toks) == 2 && x.is(0, "-") {
		if v := literal(x.text()); v.kind != vUnknown {
			return v
		}
	}
	if isRef(x) {
		return ev.ref(x, before)
	}
	// int(seed), abs(x): the argument's value
	if len(x.toks) >= 4 && x.toks[0].Kind == python.Name && x.is(1, "(") && x.is(len(x.toks)-1, ")") {
		switch x.src[x.toks[0].Off:x.toks[0].EndOff] {
		case "int", "abs", "float":
			return ev.evalExpr(x.sub(2, len(x.toks)-1), before)
		}
	}
	// arithmetic on values: random if any part is, fixed if all are
	fixed := true
	for _, r := range refs(x) {
		v := ev.ref(r, before)
		if v.kind == vRandom {
			return v
		}
		fixed = fixed && v.kind == vFixed
	}
	if fixed {
		return val{kind: vFixed}
	}
	return val{}
}

// literal reads None, a number or another constant.
func literal(s string) val {
	s = strings.TrimSpace(s)
	switch s {
	case "None":
		return val{kind: vNone}
	case "True", "False":
		return val{kind: vFixed}
	}
	if _, ok := python.StringValue(s); ok {
		return val{kind: vFixed}
	}
	n := strings.ReplaceAll(strings.ReplaceAll(s, " ", ""), "_", "")
	if f, err := strconv.ParseFloat(n, 64); err == nil {
		return val{kind: vFixed, num: f, hasNum: true}
	}
	if i, err := strconv.ParseInt(n, 0, 64); err == nil {
		return val{kind: vFixed, num: float64(i), hasNum: true}
	}
	return val{}
}

// isRef reports a name, a dotted name or a subscripted one: seed,
// args.seed, cfg["SEED"], cfg.TRAIN.SEED.
func isRef(x expr) bool {
	if len(x.toks) == 0 || x.toks[0].Kind != python.Name || keywords[x.src[x.toks[0].Off:x.toks[0].EndOff]] {
		return false
	}
	for i := 1; i < len(x.toks); i++ {
		switch {
		case x.is(i, ".") && i+1 < len(x.toks) && x.toks[i+1].Kind == python.Name:
			i++
		case x.is(i, "[") && i+2 < len(x.toks) && x.is(i+2, "]") &&
			(x.toks[i+1].Kind == python.String || x.toks[i+1].Kind == python.Number):
			i += 2
		default:
			return false
		}
	}
	return true
}

var keywords = setOf("None", "True", "False", "not", "and", "or", "if", "else", "lambda", "is", "in", "for", "await")

// refs returns the references in an expression (skipping called names).
func refs(x expr) []expr {
	var out []expr
	for i := 0; i < len(x.toks); i++ {
		if x.toks[i].Kind != python.Name || x.is(i-1, ".") {
			continue
		}
		j := i + 1
		for j < len(x.toks) {
			if x.is(j, ".") && j+1 < len(x.toks) && x.toks[j+1].Kind == python.Name {
				j += 2
			} else if x.is(j, "[") && j+2 < len(x.toks) && x.is(j+2, "]") {
				j += 3
			} else {
				break
			}
		}
		if r := x.sub(i, j); !x.is(j, "(") && isRef(r) {
			out = append(out, r)
		}
		i = j - 1
	}
	return out
}

// refText is a reference without spaces, as assignment targets are
// recorded.
func refText(x expr) string {
	var sb strings.Builder
	for _, t := range x.toks {
		sb.WriteString(x.src[t.Off:t.EndOff])
	}
	return sb.String()
}

// refKey is the configuration key a reference reads: args.seed -> seed,
// cfg["SEED"] -> SEED, cfg.TRAIN.SEED -> SEED; "" for a plain name.
func refKey(x expr) string {
	if len(x.toks) < 3 {
		return ""
	}
	last := x.toks[len(x.toks)-1]
	if x.is(len(x.toks)-1, "]") {
		k := x.src[x.toks[len(x.toks)-2].Off:x.toks[len(x.toks)-2].EndOff]
		s, _ := python.StringValue(k)
		return s
	}
	return x.src[last.Off:last.EndOff]
}

// ref evaluates a reference at event index before: a parameter, a module
// constant or a configuration default, then the assignments to it in the
// function before that point.
func (ev *evaluator) ref(x expr, before int) val {
	name := refText(x)
	fn := ev.fr.fn
	// the value before event `before` is the value after the last
	// assignment to the name before it
	last := -1
	for _, k := range ev.t.assignsTo(fn, name) {
		if k < before {
			last = k
		}
	}
	return ev.after(x, name, last)
}

// after is the value of a reference just after its assignment at event
// k of the function (k = -1: its value on entry), computed once.
func (ev *evaluator) after(x expr, name string, k int) val {
	key := refMemoKey{ev.fr.fn, name, k}
	if v, ok := ev.t.refMemo[key]; ok {
		return v
	}
	if ev.t.evalBudget <= 0 {
		return val{}
	}
	ev.t.evalBudget--
	var v val
	if k < 0 {
		v = ev.initial(x, name)
	} else {
		v = ev.apply(x, name, k)
	}
	if ev.t.refMemo == nil {
		ev.t.refMemo = map[refMemoKey]val{}
	}
	ev.t.refMemo[key] = v
	return v
}

// refMemoKey: each function is walked once, so the value of a name after
// each of its assignments is computed once.
type refMemoKey struct {
	fn   *python.Func
	name string
	k    int
}

// evalBudget bounds the values one program's trace evaluates.
const evalBudget = 20000

// assignsTo lists the event indexes of fn's assignments that bind name
// (a tuple target included), once per function.
func (t *tracer) assignsTo(fn *python.Func, name string) []int {
	idx, ok := t.assignIndex[fn]
	if !ok {
		idx = map[string][]int{}
		for k, e := range fn.Events {
			if a := e.Assign; a != nil {
				if strings.Contains(a.Target, ",") {
					for _, n := range a.Names() {
						idx[n] = append(idx[n], k)
					}
				} else {
					idx[a.Target] = append(idx[a.Target], k)
				}
			}
		}
		if t.assignIndex == nil {
			t.assignIndex = map[*python.Func]map[string][]int{}
		}
		t.assignIndex[fn] = idx
	}
	return idx[name]
}

// initial is a reference's value on entry to the function: what the
// caller passed for a parameter, a configuration default for args.seed
// or cfg["SEED"], a module constant for a plain name.
func (ev *evaluator) initial(x expr, name string) val {
	if v, ok := ev.fr.params[name]; ok {
		return v
	}
	if key := refKey(x); key != "" {
		return ev.t.defaults.lookup(key)
	}
	if ev.fr.fn != ev.fr.f.Mod.Top {
		return ev.constant(name)
	}
	return val{}
}

// apply is the value of a reference after the assignment at event k.
func (ev *evaluator) apply(x expr, name string, k int) val {
	a := ev.fr.fn.Events[k].Assign
	if a.Target != name {
		return val{} // one of a tuple's targets
	}
	nv := ev.eval(a.Value, k)
	if nv.kind == vRandom && nv.srcAt.pos == (python.Pos{}) {
		nv.srcAt.pos = a.Pos
	}
	switch a.Block {
	case "", "with", "try":
		return nv
	case "if", "elif", "while":
		c := ev.cond(ev.t.expr(a.Cond), k)
		switch c.tri {
		case triYes:
			return c.decide(nv)
		case triNo:
			return ev.ref(x, k)
		}
	}
	return join(ev.ref(x, k), nv)
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// constant evaluates a module-level name assigned once, unconditionally.
func (ev *evaluator) constant(name string) val {
	top := ev.fr.f.Mod.Top
	var found *python.Assign
	idx := 0
	for k, e := range top.Events {
		if a := e.Assign; a != nil && a.Target == name {
			if found != nil || a.Block != "" {
				return val{}
			}
			found, idx = a, k
		}
	}
	if found == nil {
		return val{}
	}
	sub := &evaluator{t: ev.t, fr: &frame{f: ev.fr.f, fn: top}, depth: ev.depth}
	return sub.eval(found.Value, idx)
}

// random reports an expression that calls a nondeterministic source: the
// OS, the clock, or a global RNG not seeded yet on the program's path.
func (ev *evaluator) random(x expr) (val, bool) {
	m := ev.fr.f.Mod
	for i := 0; i < len(x.toks); i++ {
		if x.toks[i].Kind != python.Name || x.is(i-1, ".") {
			continue
		}
		j := i + 1
		for j+1 < len(x.toks) && x.is(j, ".") && x.toks[j+1].Kind == python.Name {
			j += 2
		}
		if !x.is(j, "(") {
			continue
		}
		chain := refText(x.sub(i, j))
		resolved := libName(m, chain)
		if nondeterministic(resolved) || ev.unseededDraw(resolved) {
			end := j
			for depth := 0; end < len(x.toks); end++ {
				if x.is(end, "(") {
					depth++
				} else if x.is(end, ")") {
					if depth--; depth == 0 {
						break
					}
				}
			}
			call := x.sub(i, min(end+1, len(x.toks))).text()
			return val{kind: vRandom, src: call, srcAt: site{file: ev.fr.f}}, true // srcAt.pos: set by the caller
		}
	}
	return val{}, false
}

// unseededDraw reports a draw from a global RNG the program has not seeded
// yet (a seed drawn from an RNG seeded before is itself fixed).
func (ev *evaluator) unseededDraw(resolved string) bool {
	var c python.Call
	src, _ := useOf(ev.fr.f.Mod, resolved, &c)
	if src == "" {
		return false
	}
	for _, e := range ev.t.evs {
		if e.kind == evSeed && contains(e.sources, src) {
			return false
		}
	}
	return true
}

// nondeterministic are sources that differ on every run whatever the
// seeds: the OS, the clock, process ids, uuids, torch.seed().
func nondeterministic(resolved string) bool {
	head, _, _ := strings.Cut(resolved, ".")
	switch head {
	case "secrets", "uuid", "datetime":
		return true
	case "time":
		return resolved != "time.sleep"
	}
	switch resolved {
	case "os.urandom", "os.getpid", "torch.seed", "random.SystemRandom", "numpy.random.SeedSequence":
		return true
	}
	return false
}

// tri is a three-valued truth.
type tri int

const (
	triMaybe tri = iota
	triYes
	triNo
)

// condVal is a decided condition and what decided it.
type condVal struct {
	tri tri
	by  val // the value the decision rests on (its why, origin, default)
}

// decide gives v the provenance of the condition that chose it.
func (c condVal) decide(v val) val {
	if c.by.fromDefault {
		v.fromDefault = true
		if v.why == "" {
			v.why = c.by.why
		}
	}
	if v.origin == nil {
		v.origin = c.by.origin
	}
	return v
}

func truth(v val) tri {
	switch {
	case v.kind == vNone:
		return triNo
	case v.kind == vFixed && v.hasNum:
		if v.num == 0 {
			return triNo
		}
		return triYes
	}
	return triMaybe
}

func mergeWhy(v, by val) val {
	return condVal{tri: triYes, by: by}.decide(v)
}

func join(a, b val) val {
	if a.kind == b.kind && a.kind != vUnknown && (!a.hasNum || a.num == b.num) {
		return a
	}
	return val{}
}

// cond evaluates a condition: comparisons with None or a number, not, and,
// or, and truthiness.
func (ev *evaluator) cond(x expr, before int) condVal {
	x = x.unparen()
	if parts := x.split("or"); len(parts) > 1 {
		return ev.conds(parts, before, triYes, triNo)
	}
	if parts := x.split("and"); len(parts) > 1 {
		return ev.conds(parts, before, triNo, triYes)
	}
	if x.is(0, "not") {
		c := ev.cond(x.sub(1, len(x.toks)), before)
		switch c.tri {
		case triYes:
			c.tri = triNo
		case triNo:
			c.tri = triYes
		}
		return c
	}
	for _, op := range []string{"is", "==", "!=", "<", "<=", ">", ">="} {
		i := x.top(op, 1)
		if i < 0 {
			continue
		}
		l, r := x.sub(0, i), x.sub(i+1, len(x.toks))
		if op == "is" && r.is(0, "not") {
			op, r = "is not", r.sub(1, len(r.toks))
		}
		lv, rv := ev.evalExpr(l, before), ev.evalExpr(r, before)
		by := lv
		if !lv.fromDefault {
			by = mergeWhy(lv, rv)
		}
		return condVal{tri: compare(lv, op, rv), by: by}
	}
	v := ev.evalExpr(x, before)
	return condVal{tri: truth(v), by: v}
}

// conds combines the parts of an `or` (the first that is true decides,
// else false) or an `and` (the first that is false decides, else true);
// an unknown part leaves the rest unknown.
func (ev *evaluator) conds(parts []expr, before int, decides, otherwise tri) condVal {
	out := condVal{tri: otherwise}
	for _, p := range parts {
		c := ev.cond(p, before)
		if c.tri == decides {
			return c
		}
		if c.tri == triMaybe {
			out.tri = triMaybe
		}
		out.by = mergeWhy(out.by, c.by)
	}
	return out
}

func compare(l val, op string, r val) tri {
	if l.kind == vUnknown || r.kind == vUnknown || l.kind == vRandom || r.kind == vRandom {
		return triMaybe
	}
	yes := func(b bool) tri {
		if b {
			return triYes
		}
		return triNo
	}
	lNone, rNone := l.kind == vNone, r.kind == vNone
	switch op {
	case "is", "==":
		if lNone || rNone {
			return yes(lNone && rNone)
		}
	case "is not", "!=":
		if lNone || rNone {
			return yes(lNone != rNone)
		}
	}
	if lNone || rNone || !l.hasNum || !r.hasNum {
		return triMaybe // None < 0 is a TypeError
	}
	switch op {
	case "==":
		return yes(l.num == r.num)
	case "!=":
		return yes(l.num != r.num)
	case "<":
		return yes(l.num < r.num)
	case "<=":
		return yes(l.num <= r.num)
	case ">":
		return yes(l.num > r.num)
	case ">=":
		return yes(l.num >= r.num)
	}
	return triMaybe
}

// seedDrawSpans returns the value spans of a function's assignments to
// variables that the function then passes as the seed of a seeding call
// (set_seed(seed), random.seed(seed), np.random.default_rng(seed)): a draw
// there picks a seed, it is not a draw the results depend on, and
// REPRO-SEED-003 reports the seed when it reaches the seeder. A drawn
// value used otherwise (random_state=np.random.randint(...)) stays a draw.
func seedDrawSpans(m *python.Module, fn *python.Func) [][2]int {
	seedVars := map[string]bool{}
	for _, e := range fn.Events {
		c := e.Call
		if c == nil {
			continue
		}
		for _, s := range sb3SeedExprs(m, c) {
			seedVars[strings.ReplaceAll(s, " ", "")] = true
		}
		if len(c.Args) == 0 {
			continue
		}
		gen := generators[libName(m, c.Callee)]
		if gen || strings.Contains(strings.ToLower(lastPart(c.Callee)), "seed") {
			seedVars[strings.ReplaceAll(c.Args[0], " ", "")] = true
		}
	}
	var spans [][2]int
	for _, e := range fn.Events {
		if a := e.Assign; a != nil && a.ValueEnd > a.ValueOff && seedVars[a.Target] {
			spans = append(spans, [2]int{a.ValueOff, a.ValueEnd})
		}
	}
	return spans
}

func inSpans(spans [][2]int, off int) bool {
	for _, s := range spans {
		if off >= s[0] && off < s[1] {
			return true
		}
	}
	return false
}
