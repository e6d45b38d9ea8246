import argparse
import os

import gymnasium as gym
from stable_baselines3 import SAC
from stable_baselines3.common.callbacks import EvalCallback
from stable_baselines3.common.monitor import Monitor


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--env", default="HalfCheetah-v4")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--timesteps", type=int, default=1_000_000)
    args = p.parse_args()

    run_dir = os.path.join("runs", f"{args.env}_seed{args.seed}")
    env = Monitor(gym.make(args.env))
    eval_env = Monitor(gym.make(args.env))
    eval_env.reset(seed=args.seed + 10_000)
    model = SAC(
        "MlpPolicy", env,
        learning_rate=3e-4, buffer_size=1_000_000, batch_size=256, tau=0.005, gamma=0.99,
        learning_starts=10_000, train_freq=1, gradient_steps=1, ent_coef="auto",
        seed=args.seed, tensorboard_log=run_dir, verbose=1,
    )
    model.learn(
        total_timesteps=args.timesteps,
        callback=EvalCallback(eval_env, n_eval_episodes=10, eval_freq=10_000, deterministic=True,
                              best_model_save_path=run_dir, log_path=run_dir),
    )
    model.save(os.path.join(run_dir, "final"))


if __name__ == "__main__":
    main()
