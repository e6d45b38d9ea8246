from gridworld.env import GridWorldEnv

__all__ = ["GridWorldEnv"]
