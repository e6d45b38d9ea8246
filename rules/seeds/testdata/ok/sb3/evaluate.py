"""Evaluate a trained agent: the weights come from the file, the policy acts deterministically."""
import argparse

import gymnasium as gym
from stable_baselines3 import PPO
from stable_baselines3.common.evaluation import evaluate_policy


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--episodes", type=int, default=50)
    args = parser.parse_args()
    env = gym.make("CartPole-v1")
    model = PPO.load(args.model, env=env)
    mean, std = evaluate_policy(model, env, n_eval_episodes=args.episodes, deterministic=True)
    print(f"mean reward {mean:.1f} +/- {std:.1f}")


if __name__ == "__main__":
    main()
