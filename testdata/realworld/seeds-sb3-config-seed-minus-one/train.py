"""QR-DQN on Atari; the seed of a run is printed so it can be repeated."""
import time

from sb3_contrib import QRDQN
from stable_baselines3.common.env_util import make_atari_env
from stable_baselines3.common.vec_env import VecFrameStack

from configs.defaults import TrainConfig


def main(cfg: TrainConfig):
    seed = cfg.seed
    if seed < 0:
        seed = int(time.time()) % 2**31
    print(f"seed: {seed}")
    env = VecFrameStack(make_atari_env(cfg.env_id, n_envs=cfg.n_envs, seed=seed), n_stack=4)
    model = QRDQN("CnnPolicy", env, buffer_size=100_000, optimize_memory_usage=False, seed=seed)
    model.learn(total_timesteps=cfg.timesteps)
    model.save(f"agents/qrdqn_{cfg.env_id}_{seed}")


if __name__ == "__main__":
    main(TrainConfig())
