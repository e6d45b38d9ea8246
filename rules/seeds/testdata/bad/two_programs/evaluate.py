from lib import data

if __name__ == "__main__":
    print(data.noisy(5))
