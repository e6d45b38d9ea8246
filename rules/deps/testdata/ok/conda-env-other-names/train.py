import gymnasium
