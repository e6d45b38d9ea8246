import pickle
ENC = pickle.load(open("app/label_encoder.pkl", "rb"))
