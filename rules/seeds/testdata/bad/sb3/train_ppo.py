"""PPO on CartPole: the environments are seeded, the algorithm is not."""
from stable_baselines3 import PPO
from stable_baselines3.common.env_util import make_vec_env


def main():
    env = make_vec_env("CartPole-v1", n_envs=8, seed=0)
    model = PPO("MlpPolicy", env, n_steps=256, verbose=1)
    model.learn(total_timesteps=200_000)
    model.save("models/ppo_cartpole")


if __name__ == "__main__":
    main()
