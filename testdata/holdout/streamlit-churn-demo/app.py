import joblib
import pandas as pd
import plotly.express as px
import streamlit as st

model = joblib.load("models/churn_rf.joblib")
st.title("Who is about to churn?")
df = pd.read_csv("data/sample_customers.csv")
df["churn_prob"] = model.predict_proba(df.drop(columns=["customer_id"]))[:, 1]
threshold = st.slider("Risk threshold", 0.0, 1.0, 0.5)
st.dataframe(df[df.churn_prob >= threshold].sort_values("churn_prob", ascending=False))
st.plotly_chart(px.histogram(df, x="churn_prob", nbins=30))
