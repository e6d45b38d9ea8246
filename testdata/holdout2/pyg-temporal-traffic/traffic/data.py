from torch_geometric_temporal.dataset import METRLADatasetLoader
from torch_geometric_temporal.signal import temporal_signal_split


def load(num_timesteps_in=12, num_timesteps_out=12, train_ratio=0.8):
    loader = METRLADatasetLoader(raw_data_dir="data/metr_la")
    dataset = loader.get_dataset(num_timesteps_in=num_timesteps_in, num_timesteps_out=num_timesteps_out)
    return temporal_signal_split(dataset, train_ratio=train_ratio)
