"""Differential oracle: parse requirements files with pip's own code.

Reads a JSON list of file contents on stdin; for each, writes it to a temp
directory as requirements.txt, runs pip's parse_requirements and
install_req_from_parsed_requirement line by line, and prints a JSON list of
{"reqs": [...], "error_line": N|null, "error": str}. pip stops at the first
error; everything before it is reported. No network, no installs.
"""
import json, os, re, sys, tempfile

from pip._internal.network.session import PipSession
from pip._internal.req.req_file import parse_requirements
from pip._internal.req.constructors import install_req_from_parsed_requirement

LINE_RE = re.compile(r"\(line (\d+)\)")


SESSION = None


def run(content):
    global SESSION
    out = {"reqs": [], "error_line": None, "error_after": None, "error": None}
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "requirements.txt")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(content)
        if SESSION is None:
            SESSION = PipSession()
        it = parse_requirements(path, SESSION)
        line = None
        try:
            for parsed in it:
                m = LINE_RE.search(parsed.comes_from or "")
                line = int(m.group(1)) if m else None
                ireq = install_req_from_parsed_requirement(parsed)
                specs = sorted(str(s) for s in ireq.specifier) if ireq.req else []
                out["reqs"].append({
                    "line": line,
                    "name": ireq.name,
                    "editable": bool(parsed.is_editable),
                    "specs": specs,
                    "url": ireq.link.url if ireq.link else None,
                    "hashes": sum(len(v) for v in (parsed.options or {}).get("hashes", {}).values())
                    if isinstance((parsed.options or {}).get("hashes"), dict)
                    else len((parsed.options or {}).get("hashes", []) or []),
                })
        except BaseException as e:  # pip raises several error types
            msg = str(e)
            m = re.search(r"line (\d+)", msg)
            if m:
                out["error_line"] = int(m.group(1))
            elif type(e).__name__ == "RequirementsFileParseError":
                # Raised while reading the next line: somewhere after the
                # last requirement yielded.
                out["error_after"] = line or 0
            elif line is not None:
                out["error_line"] = line  # constructing the last one failed
            else:
                out["error_after"] = 0
            out["error"] = type(e).__name__ + ": " + msg.replace(d, "<dir>")
    return out


def main():
    import pip
    contents = json.load(sys.stdin)
    json.dump({"pip": pip.__version__, "results": [run(c) for c in contents]}, sys.stdout)


if __name__ == "__main__":
    main()
