"""The program seeds random, numpy and torch with SB3's helper; the algorithm takes no seed."""
from stable_baselines3 import DQN
from stable_baselines3.common.utils import set_random_seed


def main(seed=3):
    set_random_seed(seed)
    model = DQN("MlpPolicy", "CartPole-v1", learning_starts=1_000)
    model.learn(total_timesteps=50_000)
    model.save("models/dqn_cartpole")


if __name__ == "__main__":
    main()
