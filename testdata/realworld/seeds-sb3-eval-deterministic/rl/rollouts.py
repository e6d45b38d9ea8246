import numpy as np


def run_episodes(model, env, episodes, seed=None):
    """Play episodes with the greedy policy; reset(seed=None) keeps the env's generator going."""
    returns = []
    obs, _ = env.reset(seed=seed)
    for _ in range(episodes):
        done, total = False, 0.0
        while not done:
            action, _ = model.predict(obs, deterministic=True)
            obs, reward, terminated, truncated, _ = env.step(action)
            total += float(reward)
            done = terminated or truncated
        returns.append(total)
        obs, _ = env.reset()
    return np.asarray(returns)
