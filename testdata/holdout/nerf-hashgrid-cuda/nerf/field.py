import tinycudann as tcnn
import torch


class HashField(torch.nn.Module):
    def __init__(self, log2_hashmap_size=19):
        super().__init__()
        self.enc = tcnn.NetworkWithInputEncoding(
            n_input_dims=3, n_output_dims=16,
            encoding_config={"otype": "HashGrid", "n_levels": 16, "n_features_per_level": 2,
                             "log2_hashmap_size": log2_hashmap_size, "base_resolution": 16, "per_level_scale": 1.447},
            network_config={"otype": "FullyFusedMLP", "activation": "ReLU", "output_activation": "None",
                            "n_neurons": 64, "n_hidden_layers": 1})

    def forward(self, x):
        return self.enc(x)
