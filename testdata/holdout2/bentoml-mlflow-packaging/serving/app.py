import mlflow.pyfunc
import pandas as pd
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI(title="ticket-priority")
model = mlflow.pyfunc.load_model("model")


class Ticket(BaseModel):
    subject: str
    body: str


@app.post("/predict")
def predict(t: Ticket):
    return {"priority": str(model.predict(pd.Series([t.subject + "\n" + t.body]))[0])}
