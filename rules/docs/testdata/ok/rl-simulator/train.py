import argparse

import gymnasium as gym
import torch

parser = argparse.ArgumentParser()
parser.add_argument("--env-id", default="CartPole-v1")
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()
torch.manual_seed(args.seed)
env = gym.make(args.env_id)
obs, _ = env.reset(seed=args.seed)
q = torch.nn.Linear(env.observation_space.shape[0], env.action_space.n)
opt = torch.optim.Adam(q.parameters(), lr=1e-3)
