"""Watch the agent land (no numbers are kept)."""
import sys

import gymnasium as gym
from stable_baselines3 import DQN

from rl.rollouts import run_episodes

env = gym.make("LunarLander-v2", render_mode="human")
model = DQN.load(sys.argv[1] if len(sys.argv) > 1 else "agents/dqn_lunar_seed0")
print(run_episodes(model, env, episodes=5))
env.close()
