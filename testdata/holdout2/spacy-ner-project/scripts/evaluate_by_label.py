import json
import sys


def main(path):
    m = json.load(open(path))
    print(f"overall  P {m['ents_p']:.3f}  R {m['ents_r']:.3f}  F {m['ents_f']:.3f}")
    for label, s in sorted(m["ents_per_type"].items()):
        print(f"{label:<12} P {s['p']:.3f}  R {s['r']:.3f}  F {s['f']:.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
