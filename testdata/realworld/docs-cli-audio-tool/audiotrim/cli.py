import argparse
from pathlib import Path

import librosa
import soundfile as sf


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--sr", type=int, default=22050)
    ap.add_argument("--top-db", type=float, default=35.0)
    args = ap.parse_args()
    out = Path(args.dst)
    out.mkdir(parents=True, exist_ok=True)
    for f in sorted(Path(args.src).glob("*.wav")) + sorted(Path(args.src).glob("*.flac")):
        y, _ = librosa.load(f, sr=args.sr)
        y, _ = librosa.effects.trim(y, top_db=args.top_db)
        sf.write(out / (f.stem + ".wav"), y, args.sr)


if __name__ == "__main__":
    main()
