import argparse

import gymnasium as gym
import numpy as np
import torch

ap = argparse.ArgumentParser()
ap.add_argument("--env", default="HalfCheetah-v4")
ap.add_argument("--seed", type=int, default=0)
ap.add_argument("--steps", type=int, default=1_000_000)
args = ap.parse_args()
np.random.seed(args.seed)
torch.manual_seed(args.seed)
env = gym.make(args.env)
obs, _ = env.reset(seed=args.seed)
actor = torch.nn.Linear(env.observation_space.shape[0], env.action_space.shape[0])
opt = torch.optim.Adam(actor.parameters(), lr=3e-4)
