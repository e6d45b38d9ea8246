import argparse

import lightning as L

from data import IMDbData
from model import Classifier


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--max_epochs", type=int, default=2)
    ap.add_argument("--batch_size", type=int, default=32)
    ap.add_argument("--test_only", action="store_true")
    ap.add_argument("--ckpt")
    args = ap.parse_args()
    L.seed_everything(42, workers=True)
    dm = IMDbData(args.batch_size)
    trainer = L.Trainer(max_epochs=args.max_epochs, deterministic=True, callbacks=[L.pytorch.callbacks.ModelCheckpoint(save_last=True)])
    if args.test_only:
        trainer.test(Classifier.load_from_checkpoint(args.ckpt), datamodule=dm)
        return
    trainer.fit(Classifier(), datamodule=dm)
    trainer.test(datamodule=dm, ckpt_path="last")


if __name__ == "__main__":
    main()
