"""Write JSON-lines manifests for LibriSpeech, with a speaker-disjoint dev split.

Speaker metadata comes from the team's metadata repository.
"""
import csv
import io
import json
import random
from pathlib import Path

import click
import requests
import soundfile as sf
from tqdm import tqdm

SPEAKERS_URL = "https://raw.githubusercontent.com/acme-speech/metadata/master/librispeech/speakers.tsv"


def load_speakers():
    resp = requests.get(SPEAKERS_URL, timeout=60)
    resp.raise_for_status()
    rows = csv.DictReader(io.StringIO(resp.text), delimiter="\t")
    return {row["id"]: row for row in rows}


def utterances(root):
    for trans in sorted(Path(root).rglob("*.trans.txt")):
        for line in trans.read_text().splitlines():
            utt_id, text = line.split(" ", 1)
            audio = trans.parent / f"{utt_id}.flac"
            yield {"audio_filepath": str(audio), "duration": sf.info(str(audio)).duration,
                   "text": text.lower(), "speaker": utt_id.split("-")[0]}


@click.command()
@click.option("--root", default="data/raw/LibriSpeech", show_default=True)
@click.option("--out", default="manifests", show_default=True)
@click.option("--dev-speakers", default=40, show_default=True)
@click.option("--seed", default=1234, show_default=True, type=int)
def main(root, out, dev_speakers, seed):
    random.seed(seed)
    speakers = load_speakers()
    rows = list(tqdm(utterances(root)))
    train_speakers = sorted({r["speaker"] for r in rows if "train-clean-100" in r["audio_filepath"]})
    held_out = set(random.sample(train_speakers, dev_speakers))
    Path(out).mkdir(parents=True, exist_ok=True)
    with open(Path(out) / "train.jsonl", "w") as train, open(Path(out) / "dev.jsonl", "w") as dev:
        for r in rows:
            r["gender"] = speakers.get(r["speaker"], {}).get("sex", "?")
            (dev if r["speaker"] in held_out else train).write(json.dumps(r) + "\n")


if __name__ == "__main__":
    main()
