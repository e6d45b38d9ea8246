from datasets import load_dataset


def main():
    ds = load_dataset("stanfordnlp/imdb", split="train")
    ds = ds.shuffle(seed=42).select(range(5000))
    ds.to_json("data/imdb_5k.jsonl")


if __name__ == "__main__":
    main()
