"""Build the network, load the trained parameters into it, evaluate."""
import gymnasium as gym
from stable_baselines3 import SAC
from stable_baselines3.common.evaluation import evaluate_policy


def rollout(model, env, seed=None):
    obs, _ = env.reset(seed=seed)
    action, _ = model.predict(obs, deterministic=True)
    return action


def main():
    env = gym.make("Pendulum-v1")
    model = SAC("MlpPolicy", env)
    model.set_parameters("models/sac_pendulum.zip")
    print(evaluate_policy(model, env, n_eval_episodes=20))
    print(rollout(model, env))


if __name__ == "__main__":
    main()
