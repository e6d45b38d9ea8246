import random
from dataclasses import dataclass

import gymnasium as gym
import numpy as np
import torch
import tyro
from torch.utils.tensorboard import SummaryWriter

from agent import Agent


@dataclass
class Args:
    env_id: str = "LunarLander-v2"
    seed: int = 1
    total_timesteps: int = 1_000_000
    num_envs: int = 8
    num_steps: int = 256
    lr: float = 2.5e-4
    torch_deterministic: bool = True


def main(args: Args):
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.backends.cudnn.deterministic = args.torch_deterministic
    envs = gym.vector.SyncVectorEnv([lambda: gym.make(args.env_id) for _ in range(args.num_envs)])
    agent = Agent(envs.single_observation_space.shape[0], envs.single_action_space.n)
    opt = torch.optim.Adam(agent.parameters(), lr=args.lr, eps=1e-5)
    writer = SummaryWriter(f"runs/{args.env_id}__{args.seed}")
    obs, _ = envs.reset(seed=args.seed)
    for update in range(args.total_timesteps // (args.num_envs * args.num_steps)):
        logps, values, rewards = [], [], []
        for _ in range(args.num_steps):
            action, logp, _, value = agent.get_action_and_value(torch.tensor(obs, dtype=torch.float32))
            obs, reward, term, trunc, _ = envs.step(action.numpy())
            logps.append(logp)
            values.append(value.squeeze(-1))
            rewards.append(torch.tensor(reward, dtype=torch.float32))
        returns = torch.stack(rewards).flip(0).cumsum(0).flip(0)
        adv = returns - torch.stack(values)
        loss = -(torch.stack(logps) * adv.detach()).mean() + 0.5 * adv.pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        writer.add_scalar("charts/return", returns[0].mean().item(), update)
    torch.save(agent.state_dict(), f"runs/{args.env_id}__{args.seed}/agent.pt")


if __name__ == "__main__":
    main(tyro.cli(Args))
