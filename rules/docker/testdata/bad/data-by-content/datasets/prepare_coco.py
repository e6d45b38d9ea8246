import json

def main():
    print(json.dumps({}))
