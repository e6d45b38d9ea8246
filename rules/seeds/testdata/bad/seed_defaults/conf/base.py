from dataclasses import dataclass


@dataclass
class TrainConfig:
    lr: float = 3e-4
    seed: int = -1  # < 0: draw one
