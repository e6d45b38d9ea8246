import flax.linen as nn
import jax.numpy as jnp


class Block(nn.Module):
    dim: int
    heads: int

    @nn.compact
    def __call__(self, x, train: bool):
        y = nn.LayerNorm()(x)
        y = nn.MultiHeadDotProductAttention(num_heads=self.heads)(y, y)
        x = x + nn.Dropout(0.1, deterministic=not train)(y)
        y = nn.Dense(4 * self.dim)(nn.LayerNorm()(x))
        return x + nn.Dense(self.dim)(nn.gelu(y))


class ViT(nn.Module):
    dim: int = 384
    depth: int = 12
    heads: int = 6
    num_classes: int = 1000

    @nn.compact
    def __call__(self, img, train: bool = False):
        x = nn.Conv(self.dim, (16, 16), strides=16)(img)
        x = x.reshape(x.shape[0], -1, self.dim)
        for _ in range(self.depth):
            x = Block(self.dim, self.heads)(x, train)
        return nn.Dense(self.num_classes)(jnp.mean(x, axis=1))
