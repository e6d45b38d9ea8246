"""Collect episodes with a scripted policy in a Gymnasium environment."""
import argparse

import gymnasium as gym
import numpy as np


def collect(env, episodes, seed):
    obs, _ = env.reset(seed=seed)
    env.action_space.seed(seed)
    returns = []
    for _ in range(episodes):
        done, total = False, 0.0
        while not done:
            obs, reward, terminated, truncated, _ = env.step(env.action_space.sample())
            total += reward
            done = terminated or truncated
        returns.append(total)
        obs, _ = env.reset()
    return returns


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int)
    parser.add_argument("--episodes", type=int, default=20)
    args = parser.parse_args()
    env = gym.make("LunarLander-v3")
    np.save("returns.npy", collect(env, args.episodes, args.seed))
