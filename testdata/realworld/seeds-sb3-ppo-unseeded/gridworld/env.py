import gymnasium as gym
import numpy as np
from gymnasium import spaces


class GridWorldEnv(gym.Env):
    """An agent walks to a goal on a size x size grid."""

    metadata = {"render_modes": ["ansi"]}

    def __init__(self, size=8, render_mode=None):
        self.size = size
        self.render_mode = render_mode
        self.observation_space = spaces.Box(0, size - 1, shape=(4,), dtype=np.int64)
        self.action_space = spaces.Discrete(4)
        self._moves = np.array([[1, 0], [0, 1], [-1, 0], [0, -1]])

    def _obs(self):
        return np.concatenate([self._agent, self._goal])

    def reset(self, seed=None, options=None):
        super().reset(seed=seed)
        self._agent = self.np_random.integers(0, self.size, size=2)
        self._goal = self._agent
        while np.array_equal(self._goal, self._agent):
            self._goal = self.np_random.integers(0, self.size, size=2)
        return self._obs(), {}

    def step(self, action):
        self._agent = np.clip(self._agent + self._moves[action], 0, self.size - 1)
        done = bool(np.array_equal(self._agent, self._goal))
        return self._obs(), 1.0 if done else -0.01, done, False, {}
