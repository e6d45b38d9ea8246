from datasets import load_from_disk
from seqeval.metrics import f1_score


def main():
    ds = load_from_disk("data/tickets_ner")
    print(f1_score(ds["test"]["tags"], ds["test"]["tags"]))


if __name__ == "__main__":
    main()
