import joblib
