from utils.seed import set_seed
from utils import data


def main():
    set_seed(7)
    order = data.shuffled(100)
    return order


if __name__ == "__main__":
    main()
