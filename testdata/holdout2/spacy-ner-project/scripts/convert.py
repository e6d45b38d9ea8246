import json
import random
import sys
from pathlib import Path

import spacy
from spacy.tokens import DocBin


def main(src: str, out_dir: str):
    nlp = spacy.blank("en")
    records = [json.loads(line) for line in open(src, encoding="utf8")]
    records = [r for r in records if r.get("answer") == "accept"]
    random.shuffle(records)
    n = len(records)
    splits = {"train": records[: int(0.8 * n)], "dev": records[int(0.8 * n): int(0.9 * n)],
              "test": records[int(0.9 * n):]}
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    for name, recs in splits.items():
        db = DocBin()
        for r in recs:
            doc = nlp.make_doc(r["text"])
            ents = [doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="contract")
                    for s in r.get("spans", [])]
            doc.ents = [e for e in ents if e is not None]
            db.add(doc)
        db.to_disk(Path(out_dir) / f"{name}.spacy")
        print(f"{name}: {len(recs)} docs")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
