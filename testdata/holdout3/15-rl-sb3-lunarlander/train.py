import argparse

from stable_baselines3 import PPO
from stable_baselines3.common.callbacks import EvalCallback
from stable_baselines3.common.env_util import make_vec_env


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--env-id", default="LunarLander-v2")
    p.add_argument("--timesteps", type=int, default=1_000_000)
    p.add_argument("--seed", type=int)
    p.add_argument("--out", default="models/ppo_lunar")
    args = p.parse_args()

    env = make_vec_env(args.env_id, n_envs=16, seed=args.seed)
    eval_env = make_vec_env(args.env_id, n_envs=1, seed=args.seed)
    model = PPO(
        "MlpPolicy",
        env,
        n_steps=1024,
        batch_size=64,
        gae_lambda=0.98,
        gamma=0.999,
        n_epochs=4,
        ent_coef=0.01,
        seed=args.seed,
        tensorboard_log="runs/",
        verbose=1,
    )
    model.learn(total_timesteps=args.timesteps, callback=EvalCallback(eval_env, eval_freq=10_000, n_eval_episodes=10))
    model.save(args.out)


if __name__ == "__main__":
    main()
