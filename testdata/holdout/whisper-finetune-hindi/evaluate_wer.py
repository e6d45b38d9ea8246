import argparse

import evaluate
from datasets import Audio, load_dataset
from transformers import pipeline

ap = argparse.ArgumentParser()
ap.add_argument("--model_dir", required=True)
args = ap.parse_args()

asr = pipeline("automatic-speech-recognition", model=args.model_dir, device=0)
test = load_dataset("mozilla-foundation/common_voice_11_0", "hi", split="test", use_auth_token=True)
test = test.cast_column("audio", Audio(sampling_rate=16000))
preds = [asr(x["audio"]["array"])["text"] for x in test]
wer = evaluate.load("wer")
print("WER", 100 * wer.compute(predictions=preds, references=test["sentence"]))
