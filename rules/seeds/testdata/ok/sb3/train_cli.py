import argparse

import gymnasium as gym
from stable_baselines3 import TD3
from stable_baselines3.common.env_util import make_vec_env
from stable_baselines3.common.noise import NormalActionNoise
import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--env", default="Pendulum-v1")
    args = parser.parse_args()

    env = make_vec_env(args.env, n_envs=1, seed=args.seed)
    n = env.action_space.shape[-1]
    noise = NormalActionNoise(mean=np.zeros(n), sigma=0.1 * np.ones(n))
    model = TD3("MlpPolicy", env, action_noise=noise, seed=args.seed)
    model.learn(total_timesteps=30_000)
    model.save(f"models/td3_{args.env}_{args.seed}")

    eval_env = gym.make(args.env)
    obs, _ = eval_env.reset(seed=args.seed + 1000)
    eval_env.action_space.seed(args.seed + 1000)


if __name__ == "__main__":
    main()
