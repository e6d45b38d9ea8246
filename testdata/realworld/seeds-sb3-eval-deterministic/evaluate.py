"""Score a saved agent over 100 episodes."""
import argparse
import json

import gymnasium as gym
from stable_baselines3 import DQN
from stable_baselines3.common.evaluation import evaluate_policy


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("agent")
    parser.add_argument("--episodes", type=int, default=100)
    args = parser.parse_args()
    env = gym.make("LunarLander-v2")
    model = DQN.load(args.agent, env=env)
    mean, std = evaluate_policy(model, env, n_eval_episodes=args.episodes, deterministic=True)
    with open("results/eval.json", "w") as f:
        json.dump({"agent": args.agent, "mean": mean, "std": std}, f)


if __name__ == "__main__":
    main()
