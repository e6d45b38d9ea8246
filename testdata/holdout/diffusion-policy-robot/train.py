import hydra
import torch
from diffusers import DDPMScheduler
from omegaconf import DictConfig

from diffusion_policy.common import set_seed


@hydra.main(version_base=None, config_path="config", config_name="train_diffusion_unet_pusht")
def main(cfg: DictConfig):
    set_seed(cfg.training.seed)
    from diffusion_policy.dataset import PushTDataset
    from diffusion_policy.model import ConditionalUnet1D

    ds = PushTDataset("data/pusht/pusht_cchi_v7_replay.zarr", horizon=cfg.horizon)
    loader = torch.utils.data.DataLoader(ds, batch_size=cfg.dataloader.batch_size, shuffle=cfg.dataloader.shuffle,
                                         num_workers=cfg.dataloader.num_workers)
    model = ConditionalUnet1D(input_dim=2, global_cond_dim=5 * cfg.n_obs_steps).to(cfg.training.device)
    sched = DDPMScheduler(num_train_timesteps=100, beta_schedule="squaredcos_cap_v2")
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.training.lr, weight_decay=1e-6)
    for epoch in range(cfg.training.num_epochs):
        for batch in loader:
            action = batch["action"].to(cfg.training.device)
            noise = torch.randn_like(action)
            t = torch.randint(0, 100, (action.shape[0],), device=action.device)
            pred = model(sched.add_noise(action, noise, t), t, batch["obs"].flatten(1).to(action.device))
            loss = torch.nn.functional.mse_loss(pred, noise)
            opt.zero_grad()
            loss.backward()
            opt.step()
        torch.save(model.state_dict(), "outputs/latest.ckpt")


if __name__ == "__main__":
    main()
