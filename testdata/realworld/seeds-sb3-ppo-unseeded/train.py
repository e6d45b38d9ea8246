"""Train PPO on the grid world and save the agent."""
import argparse

from stable_baselines3 import PPO
from stable_baselines3.common.env_util import make_vec_env

from gridworld import GridWorldEnv


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=8)
    parser.add_argument("--timesteps", type=int, default=300_000)
    parser.add_argument("--out", default="agents/ppo_grid")
    return parser.parse_args()


def main():
    args = parse_args()
    env = make_vec_env(GridWorldEnv, n_envs=8, env_kwargs={"size": args.size})
    model = PPO("MlpPolicy", env, n_steps=512, batch_size=256, ent_coef=0.01, verbose=1,
                tensorboard_log="runs/")
    model.learn(total_timesteps=args.timesteps)
    model.save(args.out)


if __name__ == "__main__":
    main()
