import argparse

from datasets import Audio, load_dataset
from transformers import (Seq2SeqTrainer, Seq2SeqTrainingArguments, WhisperForConditionalGeneration,
                          WhisperProcessor)

from collator import DataCollatorSpeechSeq2SeqWithPadding

MODEL = "openai/whisper-small"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--output_dir", required=True)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()

    processor = WhisperProcessor.from_pretrained(MODEL, language="Hindi", task="transcribe")
    cv = load_dataset("mozilla-foundation/common_voice_11_0", "hi", split="train+validation", use_auth_token=True)
    cv = cv.remove_columns(["accent", "age", "client_id", "down_votes", "gender", "locale", "path", "segment", "up_votes"])
    cv = cv.cast_column("audio", Audio(sampling_rate=16000))

    def prepare(batch):
        audio = batch["audio"]
        batch["input_features"] = processor.feature_extractor(audio["array"], sampling_rate=16000).input_features[0]
        batch["labels"] = processor.tokenizer(batch["sentence"]).input_ids
        return batch

    cv = cv.map(prepare, remove_columns=cv.column_names, num_proc=4)
    model = WhisperForConditionalGeneration.from_pretrained(MODEL)
    model.generation_config.language = "hindi"
    targs = Seq2SeqTrainingArguments(
        output_dir=args.output_dir, per_device_train_batch_size=16, learning_rate=1e-5, warmup_steps=500,
        max_steps=4000, fp16=True, seed=args.seed, predict_with_generate=True, report_to=["tensorboard"],
    )
    trainer = Seq2SeqTrainer(model=model, args=targs, train_dataset=cv,
                             data_collator=DataCollatorSpeechSeq2SeqWithPadding(processor), tokenizer=processor)
    trainer.train()
    trainer.save_model()
    processor.save_pretrained(args.output_dir)


if __name__ == "__main__":
    main()
