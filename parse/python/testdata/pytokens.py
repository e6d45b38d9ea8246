# Oracle for the differential tokenizer tests: CPython's own tokenize module.
# Reads requests on stdin, one per line, and answers each with one JSON line:
#   F <path>        tokenize the file at path
#   S <n>\n<bytes>  tokenize the next n bytes
# Answer: {"ok": bool, "compiles": bool (S only), "err": str, "enc": str, "toks": [[kind, sl, sc, el, ec(, op text)], ...]}
# The first line written is {"version": [major, minor]}.
import ast, io, json, sys, tokenize

out = sys.stdout
out.write(json.dumps({"version": list(sys.version_info[:2])}) + "\n")
out.flush()
inp = sys.stdin.buffer
while True:
    line = inp.readline()
    if not line:
        break
    cmd, arg = line[:1], line[2:].rstrip(b"\n")
    if cmd == b"F":
        with open(arg.decode(), "rb") as f:
            data = f.read()
    else:
        data = inp.read(int(arg))
    ans = {"ok": True, "err": "", "enc": "", "toks": []}
    try:
        for t in tokenize.tokenize(io.BytesIO(data).readline):
            if t.type == tokenize.ENCODING:
                ans["enc"] = t.string
                continue
            tok = [tokenize.tok_name[t.type], t.start[0], t.start[1], t.end[0], t.end[1]]
            if t.type == tokenize.OP:
                tok.append(t.string)  # 3.12+ reports a stray "$" or "?" as an OP
            ans["toks"].append(tok)
    except BaseException as e:  # SyntaxError, TokenError, UnicodeDecodeError, ...
        ans["ok"] = False
        ans["err"] = type(e).__name__ + ": " + str(e)
    if cmd == b"S":
        # whether CPython accepts the source as a module (parse only)
        try:
            compile(data, "<fuzz>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
            ans["compiles"] = True
        except BaseException:
            ans["compiles"] = False
    out.write(json.dumps(ans) + "\n")
    out.flush()
