"""PPO on CartPole with a fixed seed for the algorithm and the environments."""
from stable_baselines3 import PPO
from stable_baselines3.common.env_util import make_vec_env

SEED = 42


def main():
    env = make_vec_env("CartPole-v1", n_envs=8, seed=SEED)
    model = PPO("MlpPolicy", env, n_steps=256, seed=SEED)
    model.learn(total_timesteps=200_000)
    model.save("models/ppo_cartpole")


if __name__ == "__main__":
    main()
