from sb3_contrib import *
from stable_baselines3.common.utils import set_random_seed

model = QRDQN("MlpPolicy", "CartPole-v1", learning_starts=1_000)
set_random_seed(0)
model.learn(50_000)
model.save("models/qrdqn_cartpole")
