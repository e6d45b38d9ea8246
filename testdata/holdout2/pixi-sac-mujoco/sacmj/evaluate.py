import argparse
import os

import gymnasium as gym
import numpy as np
from stable_baselines3 import SAC
from stable_baselines3.common.evaluation import evaluate_policy
from stable_baselines3.common.monitor import Monitor


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--env", default="HalfCheetah-v4")
    p.add_argument("--run", required=True)
    p.add_argument("--episodes", type=int, default=20)
    p.add_argument("--seed", type=int, default=123)
    args = p.parse_args()
    env = Monitor(gym.make(args.env))
    env.reset(seed=args.seed)
    model = SAC.load(os.path.join(args.run, "final"), env=env)
    returns, _ = evaluate_policy(model, env, n_eval_episodes=args.episodes, deterministic=True,
                                 return_episode_rewards=True)
    print(f"{args.env}: return {np.mean(returns):.1f} ± {np.std(returns):.1f} over {args.episodes} episodes")


if __name__ == "__main__":
    main()
