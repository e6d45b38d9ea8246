"""SAC on Pendulum; --seed has no default, so a run without it is unseeded."""
import argparse

from stable_baselines3 import SAC
from stable_baselines3.common.env_util import make_vec_env


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, help="random seed")
    parser.add_argument("--steps", type=int, default=50_000)
    args = parser.parse_args()

    env = make_vec_env("Pendulum-v1", n_envs=1, seed=args.seed)
    model = SAC("MlpPolicy", env, learning_starts=1_000, seed=args.seed)
    model.learn(total_timesteps=args.steps)
    model.save(f"models/sac_pendulum_{args.seed}")


if __name__ == "__main__":
    main()
