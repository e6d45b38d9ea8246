import argparse

from loramerge.merge import DTYPES, merge_adapters


def main(argv=None):
    p = argparse.ArgumentParser(prog="loramerge", description=__doc__)
    p.add_argument("--base", required=True, help="Hub id or local path of the base model")
    p.add_argument("--base-revision", help="Hub commit of the base model")
    p.add_argument("--adapter", action="append", required=True, help="adapter path or Hub id (repeatable)")
    p.add_argument("--adapter-revision", action="append", help="Hub commit of each adapter, in order")
    p.add_argument("--weight", action="append", type=float, help="scale of each adapter, in order")
    p.add_argument("--dtype", choices=sorted(DTYPES), default="bfloat16")
    p.add_argument("--out", required=True)
    args = p.parse_args(argv)
    merge_adapters(args.base, args.adapter, args.out, base_revision=args.base_revision,
                   adapter_revisions=args.adapter_revision, weights=args.weight, dtype=args.dtype)


if __name__ == "__main__":
    main()
