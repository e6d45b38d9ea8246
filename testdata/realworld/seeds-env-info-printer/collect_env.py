"""Print the environment for bug reports."""
import platform
import sys

import torch


def main():
    print("python:", sys.version.split()[0], platform.platform())
    print("torch:", torch.__version__, "cuda:", torch.version.cuda)
    print("cudnn:", torch.backends.cudnn.version())
    if torch.cuda.is_available():
        for i in range(torch.cuda.device_count()):
            print(f"gpu {i}:", torch.cuda.get_device_name(i))
            print("  memory:", torch.cuda.get_device_properties(i).total_memory // 2**20, "MiB")


if __name__ == "__main__":
    main()
