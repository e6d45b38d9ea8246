"""SAC on a MuJoCo task, several seeds per sweep (python train_sac.py --seed 3)."""
import argparse
import os

from stable_baselines3 import SAC
from stable_baselines3.common.callbacks import EvalCallback
from stable_baselines3.common.env_util import make_vec_env


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--env", default="HalfCheetah-v4")
    parser.add_argument("--seed", type=int, help="seed for the algorithm and the environments")
    parser.add_argument("--timesteps", type=int, default=1_000_000)
    parser.add_argument("--logdir", default="logs")
    args = parser.parse_args()

    run_dir = os.path.join(args.logdir, f"{args.env}_seed{args.seed}")
    env = make_vec_env(args.env, n_envs=1, seed=args.seed)
    eval_env = make_vec_env(args.env, n_envs=1)
    model = SAC("MlpPolicy", env, learning_starts=10_000, seed=args.seed, verbose=1)
    model.learn(total_timesteps=args.timesteps,
                callback=EvalCallback(eval_env, eval_freq=10_000, log_path=run_dir))
    model.save(os.path.join(run_dir, "final_model"))


if __name__ == "__main__":
    main()
