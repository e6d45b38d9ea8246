import csv
from typing import List


def read_rows(path) -> List[dict]:
    with open(path, newline="") as f:
        return list(csv.DictReader(f))
