from stable_baselines3 import *

model = A2C("MlpPolicy", "CartPole-v1", seed=7)
model.learn(25_000)
model.save("models/a2c_cartpole")
