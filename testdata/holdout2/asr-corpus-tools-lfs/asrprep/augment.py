"""Speed-perturb a manifest (0.9x / 1.0x / 1.1x), one random factor per utterance."""
import argparse
import json
import os
import random

import librosa
import soundfile as sf


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--manifest", required=True)
    p.add_argument("--out-dir", required=True)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out_dir, exist_ok=True)
    out_manifest = open(os.path.join(args.out_dir, "manifest_sp.json"), "w", encoding="utf8")
    for line in open(args.manifest, encoding="utf8"):
        item = json.loads(line)
        factor = rng.choice([0.9, 1.0, 1.1])
        y, sr = librosa.load(item["audio_filepath"], sr=16000)
        if factor != 1.0:
            y = librosa.effects.time_stretch(y, rate=factor)
        path = os.path.join(args.out_dir, f"{os.path.basename(item['audio_filepath'])[:-4]}_sp{factor}.wav")
        sf.write(path, y, sr)
        out_manifest.write(json.dumps({**item, "audio_filepath": path, "duration": len(y) / sr}) + "\n")


if __name__ == "__main__":
    main()
