"""Build a NeMo-style JSON-lines manifest from a directory of wav files and transcripts."""
import argparse
import json
import os

import soundfile as sf
from tqdm import tqdm


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--audio-dir", required=True)
    p.add_argument("--transcripts", required=True, help="TSV: utterance_id<TAB>text")
    p.add_argument("--out", required=True)
    args = p.parse_args()
    texts = dict(line.rstrip("\n").split("\t", 1) for line in open(args.transcripts, encoding="utf8"))
    with open(args.out, "w", encoding="utf8") as out:
        for uid in tqdm(sorted(texts)):
            path = os.path.join(args.audio_dir, f"{uid}.wav")
            info = sf.info(path)
            out.write(json.dumps({"audio_filepath": path, "duration": info.frames / info.samplerate,
                                  "text": texts[uid].lower()}) + "\n")


if __name__ == "__main__":
    main()
