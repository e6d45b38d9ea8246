import argparse

from stable_baselines3 import PPO
from stable_baselines3.common.env_util import make_vec_env
from stable_baselines3.common.evaluation import evaluate_policy


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="models/ppo_lunar.zip")
    p.add_argument("--env-id", default="LunarLander-v2")
    p.add_argument("--episodes", type=int, default=100)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    env = make_vec_env(args.env_id, n_envs=1, seed=args.seed)
    model = PPO.load(args.model, env=env)
    mean, std = evaluate_policy(model, env, n_eval_episodes=args.episodes, deterministic=True)
    print(f"mean_reward={mean:.1f} +/- {std:.1f}")


if __name__ == "__main__":
    main()
