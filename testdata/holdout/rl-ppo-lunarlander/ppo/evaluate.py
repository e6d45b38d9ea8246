import argparse

import gymnasium as gym
import numpy as np
import torch

from agent import Agent

p = argparse.ArgumentParser()
p.add_argument("ckpt")
p.add_argument("--env-id", default="LunarLander-v2")
p.add_argument("--episodes", type=int, default=10)
p.add_argument("--epsilon", type=float, default=0.05)
args = p.parse_args()

env = gym.make(args.env_id)
agent = Agent(env.observation_space.shape[0], env.action_space.n)
agent.load_state_dict(torch.load(args.ckpt))
returns = []
for ep in range(args.episodes):
    obs, _ = env.reset()
    done, total = False, 0.0
    while not done:
        if np.random.rand() < args.epsilon:
            action = env.action_space.sample()
        else:
            with torch.no_grad():
                action, *_ = agent.get_action_and_value(torch.tensor(obs, dtype=torch.float32))
                action = action.item()
        obs, r, term, trunc, _ = env.step(action)
        total += r
        done = term or trunc
    returns.append(total)
print(f"mean return {np.mean(returns):.1f} ± {np.std(returns):.1f}")
