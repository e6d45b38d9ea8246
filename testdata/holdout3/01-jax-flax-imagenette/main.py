"""Entry point: python main.py --workdir=runs/r18 --config=configs/default.py"""
from absl import app, flags, logging
from ml_collections import config_flags

import train

FLAGS = flags.FLAGS
flags.DEFINE_string("workdir", None, "Directory for checkpoints and TensorBoard logs.")
config_flags.DEFINE_config_file("config", "configs/default.py", "Training configuration.", lock_config=True)
flags.mark_flags_as_required(["workdir"])


def main(argv):
    del argv
    logging.info("config:\n%s", FLAGS.config)
    train.train_and_evaluate(FLAGS.config, FLAGS.workdir)


if __name__ == "__main__":
    app.run(main)
