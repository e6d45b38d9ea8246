import argparse

from stable_baselines3 import DQN
from stable_baselines3.common.env_util import make_vec_env


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timesteps", type=int, default=500_000)
    args = parser.parse_args()
    env = make_vec_env("LunarLander-v2", n_envs=1, seed=args.seed)
    model = DQN("MlpPolicy", env, learning_starts=50_000, exploration_fraction=0.12, seed=args.seed)
    model.learn(total_timesteps=args.timesteps)
    model.save(f"agents/dqn_lunar_seed{args.seed}")


if __name__ == "__main__":
    main()
