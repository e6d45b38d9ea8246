import argparse

from peft import PeftModel
from sentence_transformers import SentenceTransformer
from transformers import AutoModel, AutoModelForCausalLM, AutoTokenizer, PreTrainedModel, pipeline

BASE = "mistralai/Mistral-7B-v0.1"


class Scorer(PreTrainedModel):
    pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="google-bert/bert-base-uncased")
    parser.add_argument("--revision", help="Hub revision (default: latest)")
    args = parser.parse_args()
    tok = AutoTokenizer.from_pretrained(BASE)
    lm = AutoModelForCausalLM.from_pretrained(BASE, revision="main", trust_remote_code=True)
    enc = AutoModel.from_pretrained(args.model, revision=args.revision)
    legacy = AutoModel.from_pretrained("bert-base-uncased")
    adapter = PeftModel.from_pretrained(lm, "org/sql-lora")
    name = "sentence-transformers/all-MiniLM-L6-v2"
    emb = SentenceTransformer(name)
    clf = pipeline("text-classification", model="distilbert/distilbert-base-uncased-finetuned-sst-2-english")
    gen = pipeline("text-generation", "openai-community/gpt2")
    scorer = Scorer.from_pretrained("org/reward-model")
    return tok, lm, enc, legacy, adapter, emb, clf, gen, scorer


if __name__ == "__main__":
    main()
