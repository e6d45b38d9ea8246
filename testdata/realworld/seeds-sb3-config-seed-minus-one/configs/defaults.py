from dataclasses import dataclass


@dataclass
class TrainConfig:
    env_id: str = "BreakoutNoFrameskip-v4"
    n_envs: int = 8
    timesteps: int = 10_000_000
    seed: int = -1  # < 0: pick a fresh seed for every run
