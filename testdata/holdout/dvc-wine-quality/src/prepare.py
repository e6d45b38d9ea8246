import os

import pandas as pd
import yaml
from sklearn.model_selection import train_test_split

p = yaml.safe_load(open("params.yaml"))["prepare"]
red = pd.read_csv("data/raw/winequality-red.csv", sep=";").assign(red=1)
white = pd.read_csv("data/raw/winequality-white.csv", sep=";").assign(red=0)
df = pd.concat([red, white], ignore_index=True)
train, test = train_test_split(df, test_size=p["test_size"], random_state=p["seed"], stratify=df["quality"])
os.makedirs("data/prepared", exist_ok=True)
train.to_csv("data/prepared/train.csv", index=False)
test.to_csv("data/prepared/test.csv", index=False)
