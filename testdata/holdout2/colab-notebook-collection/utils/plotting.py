import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns


def plot_history(log_history, metric="eval_accuracy"):
    steps = [h["step"] for h in log_history if metric in h]
    vals = [h[metric] for h in log_history if metric in h]
    sns.set_theme(style="whitegrid")
    plt.plot(steps, vals, marker="o")
    plt.xlabel("step")
    plt.ylabel(metric)
    plt.show()


def attention_grid(attn, image, n_heads=6):
    fig, axes = plt.subplots(1, n_heads + 1, figsize=(3 * (n_heads + 1), 3))
    axes[0].imshow(image)
    side = int(np.sqrt(attn.shape[-1] - 1))
    for h in range(n_heads):
        axes[h + 1].imshow(attn[h, 0, 1:].reshape(side, side), cmap="inferno")
        axes[h + 1].set_title(f"head {h}")
    for ax in axes:
        ax.axis("off")
    plt.show()
