"""Watch a trained agent (rendering only; nothing is measured)."""
import argparse

import gymnasium as gym
from stable_baselines3 import PPO


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="models/ppo_lunar.zip")
    args = p.parse_args()
    env = gym.make("LunarLander-v2", render_mode="human")
    model = PPO.load(args.model)
    obs, _ = env.reset()
    for _ in range(3000):
        action, _ = model.predict(obs, deterministic=True)
        obs, _, terminated, truncated, _ = env.step(action)
        if terminated or truncated:
            obs, _ = env.reset()
    env.close()


if __name__ == "__main__":
    main()
