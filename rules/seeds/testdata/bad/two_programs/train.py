from lib.data import noisy

if __name__ == "__main__":
    print(noisy(3))
