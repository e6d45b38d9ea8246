import argparse
import json
import os

import gym
import torch

from diffusion_policy.model import ConditionalUnet1D

ap = argparse.ArgumentParser()
ap.add_argument("--checkpoint", required=True)
ap.add_argument("--output_dir", required=True)
ap.add_argument("--n_episodes", type=int, default=50)
args = ap.parse_args()
model = ConditionalUnet1D(input_dim=2, global_cond_dim=10)
model.load_state_dict(torch.load(args.checkpoint, map_location="cpu"))
env = gym.make("pusht-v0")
scores = []
for ep in range(args.n_episodes):
    env.seed(100000 + ep)
    torch.manual_seed(ep)
    obs, done, reward = env.reset(), False, 0.0
    while not done:
        action = model(torch.randn(1, 16, 2), torch.tensor([0]), torch.as_tensor(obs[None], dtype=torch.float32).repeat(1, 2))
        obs, reward, done, _ = env.step(action[0, 0].detach().numpy())
    scores.append(reward)
os.makedirs(args.output_dir, exist_ok=True)
json.dump({"mean_score": sum(scores) / len(scores)}, open(os.path.join(args.output_dir, "eval.json"), "w"))
