"""Watch a trained agent play."""
import gymnasium as gym
from sb3_contrib import RecurrentPPO

env = gym.make("CartPole-v1", render_mode="human")
model = RecurrentPPO.load("models/recurrent_ppo_cartpole")
obs, _ = env.reset()
state = None
for _ in range(1_000):
    action, state = model.predict(obs, state=state, deterministic=True)
    obs, reward, terminated, truncated, _ = env.step(action)
    env.render()
    if terminated or truncated:
        obs, _ = env.reset()
        state = None
env.close()
